//! Authentication and authorization: password hashing, tokens, the signed-in caller,
//! and the access rules (`policy`), the one place that says who may do what.

pub mod caller;
pub mod jwt;
pub mod password;
pub mod policy;
pub mod totp;

use base64::Engine;
use sha2::Digest;

pub use caller::Caller;

/// A fresh opaque secret for refresh, invitation and reset tokens (256 bits, URL-safe).
pub fn random_token() -> Result<String, crate::error::Error> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).map_err(crate::error::Error::internal)?;
    Ok(base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes))
}

/// How opaque tokens are stored: only their SHA-256, so a database leak yields no
/// usable token. (The tokens carry 256 bits of entropy, so no salt or slow hash is needed.)
pub fn token_hash(token: &str) -> String {
    let digest = sha2::Sha256::digest(token.as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}
