//! TOTP (RFC 6238: SHA-1, 6 digits, 30-second steps, one step of skew) through totp-rs,
//! and recovery codes. A code is accepted once: the caller records the matched step and
//! refuses any step not newer than the last (see `db::mfa::accept_step`).

use aes_gcm::aead::{Aead, KeyInit};
use aes_gcm::{Aes256Gcm, Nonce};
use base64::Engine;
use totp_rs::{Builder, Totp};

use crate::error::Error;

/// Seals TOTP secrets at rest with AES-256-GCM under a key derived (HKDF-SHA256) from the
/// service's JWT secret, so a copy of the database alone yields no second factor.
/// Rotating the JWT secret makes stored secrets unreadable: those users sign in with a
/// recovery code and enrol again.
pub struct SecretBox {
    cipher: Aes256Gcm,
}

const SEALED_PREFIX: &str = "v1:";

impl SecretBox {
    pub fn from_master(master: &[u8]) -> Result<SecretBox, Error> {
        let hk = hkdf::Hkdf::<sha2::Sha256>::new(Some(b"jpa-coord totp secrets"), master);
        let mut key = [0u8; 32];
        hk.expand(b"aes-256-gcm v1", &mut key)
            .map_err(|_| Error::internal("hkdf expand"))?;
        let cipher = Aes256Gcm::new_from_slice(&key).map_err(|_| Error::internal("aes key"))?;
        Ok(SecretBox { cipher })
    }

    pub fn seal(&self, plaintext: &str) -> Result<String, Error> {
        let mut nonce = [0u8; 12];
        getrandom::fill(&mut nonce).map_err(Error::internal)?;
        let ciphertext = self
            .cipher
            .encrypt(&Nonce::from(nonce), plaintext.as_bytes())
            .map_err(|_| Error::internal("seal failed"))?;
        let mut out = nonce.to_vec();
        out.extend_from_slice(&ciphertext);
        Ok(format!(
            "{SEALED_PREFIX}{}",
            base64::engine::general_purpose::STANDARD_NO_PAD.encode(out)
        ))
    }

    /// The secret, or `None` when it cannot be opened (another key, tampered).
    pub fn open(&self, sealed: &str) -> Option<String> {
        let raw = base64::engine::general_purpose::STANDARD_NO_PAD
            .decode(sealed.strip_prefix(SEALED_PREFIX)?)
            .ok()?;
        if raw.len() < 12 {
            return None;
        }
        let (nonce, ciphertext) = raw.split_at(12);
        let nonce: [u8; 12] = nonce.try_into().ok()?;
        let plain = self.cipher.decrypt(&Nonce::from(nonce), ciphertext).ok()?;
        String::from_utf8(plain).ok()
    }
}

const ISSUER: &str = "jpa-coord";

/// A new 160-bit secret, base32 (as authenticator apps take it).
pub fn new_secret() -> Result<String, Error> {
    let mut bytes = [0u8; 20];
    getrandom::fill(&mut bytes).map_err(Error::internal)?;
    Ok(base32::encode(
        base32::Alphabet::Rfc4648 { padding: false },
        &bytes,
    ))
}

fn totp(secret: &str, account: &str) -> Result<Totp, Error> {
    let bytes = base32::decode(base32::Alphabet::Rfc4648 { padding: false }, secret)
        .ok_or_else(|| Error::internal("stored TOTP secret is not base32"))?;
    Builder::new()
        .with_secret(bytes)
        .with_account_name(account.replace(':', "_"))
        .with_issuer(Some(ISSUER))
        .build()
        .map_err(Error::internal)
}

/// The `otpauth://` URI an authenticator app enrols with.
pub fn otpauth_uri(secret: &str, account: &str) -> Result<String, Error> {
    totp(secret, account)?.to_url().map_err(Error::internal)
}

/// The time step `code` matches now (within one step of skew), if any.
pub fn matching_step(
    secret: &str,
    account: &str,
    code: &str,
    unix_time: u64,
) -> Result<Option<i64>, Error> {
    let code = code.trim();
    if code.len() != 6 || !code.chars().all(|c| c.is_ascii_digit()) {
        return Ok(None);
    }
    Ok(totp(secret, account)?
        .check(code, unix_time)
        .map(|s| s as i64))
}

/// Ten recovery codes like `k7fq-2mxp-9dta`, shown once; stored as hashes.
pub fn new_recovery_codes() -> Result<Vec<String>, Error> {
    const ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyz23456789";
    (0..10)
        .map(|_| {
            let mut bytes = [0u8; 12];
            getrandom::fill(&mut bytes).map_err(Error::internal)?;
            let chars: Vec<char> = bytes
                .iter()
                .map(|b| ALPHABET[*b as usize % ALPHABET.len()] as char)
                .collect();
            Ok(format!(
                "{}-{}-{}",
                chars[0..4].iter().collect::<String>(),
                chars[4..8].iter().collect::<String>(),
                chars[8..12].iter().collect::<String>()
            ))
        })
        .collect()
}

/// Recovery codes compare case-insensitively and without dashes or spaces.
pub fn normalise_recovery_code(code: &str) -> String {
    code.chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .collect::<String>()
        .to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_code_matches_its_step_and_neighbours_only() {
        let secret = new_secret().unwrap();
        let t = totp(&secret, "a@b.example").unwrap();
        let now = 1_800_000_000u64;
        let code = t.generate(now).to_string();
        assert_eq!(
            matching_step(&secret, "a@b.example", &code, now).unwrap(),
            Some((now / 30) as i64)
        );
        assert!(
            matching_step(&secret, "a@b.example", &code, now + 30)
                .unwrap()
                .is_some(),
            "one step of skew"
        );
        assert!(matching_step(&secret, "a@b.example", &code, now + 90)
            .unwrap()
            .is_none());
        assert!(matching_step(&secret, "a@b.example", "12345", now)
            .unwrap()
            .is_none());
        assert!(otpauth_uri(&secret, "a@b.example")
            .unwrap()
            .starts_with("otpauth://totp/"));
    }

    #[test]
    fn sealed_secrets_open_only_with_the_same_key() {
        let a = SecretBox::from_master(b"first-master-secret-0123456789abcdef").unwrap();
        let b = SecretBox::from_master(b"other-master-secret-0123456789abcdef").unwrap();
        let sealed = a.seal("JBSWY3DPEHPK3PXP").unwrap();
        assert!(sealed.starts_with("v1:") && !sealed.contains("JBSWY3DP"));
        assert_eq!(a.open(&sealed).as_deref(), Some("JBSWY3DPEHPK3PXP"));
        assert!(b.open(&sealed).is_none());
        assert_ne!(
            sealed,
            a.seal("JBSWY3DPEHPK3PXP").unwrap(),
            "a fresh nonce each time"
        );
        let mut tampered = sealed.clone();
        tampered.pop();
        tampered.push('A');
        assert!(a.open(&tampered).is_none() || tampered == sealed);
    }

    #[test]
    fn recovery_codes_are_ten_distinct_and_normalised() {
        let codes = new_recovery_codes().unwrap();
        assert_eq!(codes.len(), 10);
        let mut unique = codes.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), 10);
        assert_eq!(normalise_recovery_code(" K7FQ-2mxp 9dta "), "k7fq2mxp9dta");
    }
}
