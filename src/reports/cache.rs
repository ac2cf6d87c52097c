//! A short-lived cache of the dashboard's route matrix (progress documents are not
//! cached: they are counted from the figures kept with every write, `db::figures`). The
//! matrix parses every investigation's route legs: the one figure of the dashboard not
//! kept with each write.
//! Any successful write through the API clears it (see `middleware`), so an instance
//! never serves a matrix older than its own last write; writes made through another
//! instance show within `reports.progress_cache_seconds`. Zero turns it off.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use serde_json::Value;

/// Entries kept at most; past it the cache starts afresh.
const MAX_ENTRIES: usize = 512;

/// (JPA, as_of, what): `what` names the document and whose view it is (`progress`,
/// `progress:observer`, `routes:standard`, `routes:agency:<id>`).
type Key = (String, NaiveDate, String);

pub struct ProgressCache {
    ttl: Duration,
    entries: Mutex<HashMap<Key, (Instant, Arc<Value>)>>,
    /// Bumped by every `clear`: a document computed across a write is not stored.
    generation: AtomicU64,
}

impl ProgressCache {
    pub fn new(ttl: Duration) -> ProgressCache {
        ProgressCache {
            ttl,
            entries: Mutex::new(HashMap::new()),
            generation: AtomicU64::new(0),
        }
    }

    /// The document for (JPA, as_of, what), if computed within the TTL.
    pub fn get(&self, jpa_id: &str, as_of: NaiveDate, what: &str) -> Option<Arc<Value>> {
        if self.ttl.is_zero() {
            return None;
        }
        let entries = self.entries.lock().ok()?;
        let (at, doc) = entries.get(&(jpa_id.to_string(), as_of, what.to_string()))?;
        (at.elapsed() < self.ttl).then(|| doc.clone())
    }

    /// Take this before computing; hand it to `put`.
    pub fn generation(&self) -> u64 {
        self.generation.load(Ordering::SeqCst)
    }

    pub fn put(
        &self,
        jpa_id: &str,
        as_of: NaiveDate,
        what: &str,
        doc: Arc<Value>,
        generation: u64,
    ) {
        if self.ttl.is_zero() {
            return;
        }
        if let Ok(mut entries) = self.entries.lock() {
            if self.generation.load(Ordering::SeqCst) != generation {
                return;
            }
            if entries.len() >= MAX_ENTRIES {
                entries.clear();
            }
            entries.insert(
                (jpa_id.to_string(), as_of, what.to_string()),
                (Instant::now(), doc),
            );
        }
    }

    /// Forgets everything (after a write).
    pub fn clear(&self) {
        if let Ok(mut entries) = self.entries.lock() {
            self.generation.fetch_add(1, Ordering::SeqCst);
            entries.clear();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_expire_and_clear() {
        let d = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
        let cache = ProgressCache::new(Duration::from_millis(50));
        cache.put(
            "j",
            d,
            "progress",
            Arc::new(serde_json::json!(1)),
            cache.generation(),
        );
        assert!(cache.get("j", d, "progress").is_some());
        assert!(
            cache.get("j", d, "progress:observer").is_none(),
            "observer and co-chair documents differ"
        );
        let before_write = cache.generation();
        cache.clear();
        assert!(cache.get("j", d, "progress").is_none());
        cache.put(
            "j",
            d,
            "progress",
            Arc::new(serde_json::json!(2)),
            before_write,
        );
        assert!(
            cache.get("j", d, "progress").is_none(),
            "computed across a write: not stored"
        );
        cache.put(
            "j",
            d,
            "progress",
            Arc::new(serde_json::json!(1)),
            cache.generation(),
        );
        std::thread::sleep(Duration::from_millis(60));
        assert!(cache.get("j", d, "progress").is_none());
        let off = ProgressCache::new(Duration::ZERO);
        off.put(
            "j",
            d,
            "progress",
            Arc::new(serde_json::json!(1)),
            off.generation(),
        );
        assert!(off.get("j", d, "progress").is_none());
    }
}
