//! What every handler and worker shares.

use std::sync::Arc;

use crate::auth::jwt::JwtKeys;
use crate::auth::password::Hasher;
use crate::config::Settings;
use crate::db::Db;

#[derive(Clone)]
pub struct AppState {
    pub db: Db,
    pub settings: Arc<Settings>,
    pub jwt: Arc<JwtKeys>,
    pub hasher: Hasher,
    /// Wakes the outbox worker when a mail is queued.
    pub outbox_notify: Arc<tokio::sync::Notify>,
}
