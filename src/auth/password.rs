//! Password hashing with argon2id (m = 19456 KiB, t = 2, p = 1), always on the blocking
//! pool and never more than `auth.hash_concurrency` at once, so a burst of sign-ins cannot
//! exhaust memory or starve the workers.

use std::sync::Arc;

use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher as _, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use secrecy::{ExposeSecret, SecretString};
use tokio::sync::Semaphore;

use crate::error::Error;

fn argon2() -> Result<Argon2<'static>, Error> {
    let params = Params::new(19_456, 2, 1, None).map_err(Error::internal)?;
    Ok(Argon2::new(Algorithm::Argon2id, Version::V0x13, params))
}

/// Hashes a password synchronously (CLI, startup). Use `Hasher` from request handlers.
pub fn hash_blocking(password: &SecretString) -> Result<String, Error> {
    let salt = SaltString::generate(&mut OsRng);
    argon2()?
        .hash_password(password.expose_secret().as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(Error::internal)
}

fn verify_blocking(password: &SecretString, phc: &str) -> bool {
    match PasswordHash::new(phc) {
        Ok(parsed) => Argon2::default()
            .verify_password(password.expose_secret().as_bytes(), &parsed)
            .is_ok(),
        Err(_) => false,
    }
}

/// Bounded, off-executor hashing.
#[derive(Clone)]
pub struct Hasher {
    permits: Arc<Semaphore>,
    /// A hash of a random password, verified against when the account does not exist so
    /// that an unknown email costs the same work as a wrong password.
    dummy: Arc<String>,
}

impl Hasher {
    pub fn new(concurrency: usize) -> Result<Hasher, Error> {
        let dummy = hash_blocking(&SecretString::from(crate::auth::random_token()?))?;
        Ok(Hasher {
            permits: Arc::new(Semaphore::new(concurrency.max(1))),
            dummy: Arc::new(dummy),
        })
    }

    pub async fn hash(&self, password: SecretString) -> Result<String, Error> {
        let _permit = self.permits.acquire().await.map_err(Error::internal)?;
        actix_web::rt::task::spawn_blocking(move || hash_blocking(&password))
            .await
            .map_err(Error::internal)?
    }

    /// Verifies `password` against `phc`; with no hash (unknown user, no password set yet)
    /// does the same work against a dummy and answers false.
    pub async fn verify(&self, password: SecretString, phc: Option<String>) -> Result<bool, Error> {
        let _permit = self.permits.acquire().await.map_err(Error::internal)?;
        let dummy = self.dummy.clone();
        actix_web::rt::task::spawn_blocking(move || match phc {
            Some(phc) => verify_blocking(&password, &phc),
            None => {
                let _ = verify_blocking(&password, &dummy);
                false
            }
        })
        .await
        .map_err(Error::internal)
    }
}
