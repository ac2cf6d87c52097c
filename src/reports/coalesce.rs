//! Identical computations asked for at the same time share one run, which starts after
//! every one of them arrived: a burst of co-chairs opening the dashboard costs one
//! computation per round, not one each, and no answer is older than its request.
//!
//! This is not a cache: a run is shared only by the requests that were waiting before it
//! started (its snapshot of the database is taken after they all arrived, so each sees
//! every write committed before it asked, whichever instance made it), and nothing is
//! kept once they are answered. While one run of a key is under way, the requests that
//! arrive wait for it to finish and then share the next run.

use std::collections::HashMap;
use std::future::Future;
use std::hash::Hash;
use std::sync::{Arc, Mutex};

use tokio::sync::OnceCell;

/// The runs of each key: the one under way holds `turn`; `waiting` is the next one, not
/// started yet, which new requests join.
struct Slot<V> {
    turn: Arc<tokio::sync::Mutex<()>>,
    waiting: Option<Arc<OnceCell<V>>>,
}

pub struct Coalescer<K, V> {
    slots: Mutex<HashMap<K, Slot<V>>>,
}

impl<K, V> Default for Coalescer<K, V> {
    fn default() -> Self {
        Coalescer {
            slots: Mutex::new(HashMap::new()),
        }
    }
}

impl<K: Hash + Eq + Clone, V: Clone> Coalescer<K, V> {
    /// `compute`'s value, from a run of `key` that starts after this call: this call's own
    /// `compute`, or the one of a request that joined the same run. An error is not
    /// shared: each request whose run failed runs its own `compute`, one at a time.
    pub async fn run<F, Fut, E>(&self, key: K, compute: F) -> Result<V, E>
    where
        F: FnOnce() -> Fut,
        Fut: Future<Output = Result<V, E>>,
    {
        let (turn, run) = {
            let mut slots = self.lock();
            let slot = slots.entry(key.clone()).or_insert_with(|| Slot {
                turn: Arc::default(),
                waiting: None,
            });
            let run = slot
                .waiting
                .get_or_insert_with(|| Arc::new(OnceCell::new()))
                .clone();
            (slot.turn.clone(), run)
        };
        let value = run
            .get_or_try_init(|| async {
                // Wait for the run under way, if any; until then, new requests join this one.
                let _turn = turn.lock().await;
                self.started(&key, &run);
                let value = compute().await;
                self.finished(&key);
                value
            })
            .await?;
        Ok(value.clone())
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<K, Slot<V>>> {
        // A panic while the map was held leaves it consistent (each step is one insert
        // or remove), so a poisoned lock is still usable.
        self.slots.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// `run` starts: the requests that arrive from now on join the next run.
    fn started(&self, key: &K, run: &Arc<OnceCell<V>>) {
        let mut slots = self.lock();
        if let Some(slot) = slots.get_mut(key) {
            if slot.waiting.as_ref().is_some_and(|w| Arc::ptr_eq(w, run)) {
                slot.waiting = None;
            }
        }
    }

    /// A run ended: the key is forgotten unless requests wait for its next run.
    fn finished(&self, key: &K) {
        let mut slots = self.lock();
        if slots.get(key).is_some_and(|s| s.waiting.is_none()) {
            slots.remove(key);
        }
    }

    /// Keys with a run under way or waiting (for tests).
    pub fn len(&self) -> usize {
        self.lock().len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::time::Duration;

    use super::*;

    /// What a run reads: the number of writes committed when it started.
    async fn read(writes: &AtomicUsize, runs: &AtomicUsize) -> Result<usize, String> {
        runs.fetch_add(1, Ordering::SeqCst);
        let seen = writes.load(Ordering::SeqCst);
        tokio::time::sleep(Duration::from_millis(50)).await;
        Ok(seen)
    }

    #[tokio::test]
    async fn requests_waiting_together_share_one_run_and_none_misses_a_write_made_before_it_asked()
    {
        let c = Arc::new(Coalescer::<&str, usize>::default());
        let writes = Arc::new(AtomicUsize::new(0));
        let runs = Arc::new(AtomicUsize::new(0));
        let mut tasks = Vec::new();
        for i in 0..40 {
            // A write, then a request that must see it; a few milliseconds apart, so
            // that requests arrive while runs are under way.
            writes.fetch_add(1, Ordering::SeqCst);
            let written = writes.load(Ordering::SeqCst);
            let (c, w, r) = (c.clone(), writes.clone(), runs.clone());
            tasks.push(tokio::spawn(async move {
                let seen = c.run("progress", || read(&w, &r)).await.unwrap();
                assert!(
                    seen >= written,
                    "request {i} got {seen}, asked after {written}"
                );
            }));
            tokio::time::sleep(Duration::from_millis(3)).await;
        }
        for t in tasks {
            t.await.unwrap();
        }
        let runs = runs.load(Ordering::SeqCst);
        // 40 requests over about 120 ms, runs of 50 ms one after the other.
        assert!(runs <= 6, "{runs} runs for 40 requests");
        assert!(
            c.is_empty(),
            "nothing is kept once every request is answered"
        );
    }

    #[tokio::test]
    async fn different_keys_run_apart_and_an_error_is_not_shared() {
        let c = Arc::new(Coalescer::<u32, u32>::default());
        let a = c.run(1, || async { Ok::<_, String>(10) });
        let b = c.run(2, || async { Ok::<_, String>(20) });
        assert_eq!(tokio::join!(a, b), (Ok(10), Ok(20)));
        let failing = c.run(3, || async { Err::<u32, _>("down".to_string()) });
        let after = c.run(3, || async { Ok::<_, String>(30) });
        let (x, y) = tokio::join!(failing, after);
        assert_eq!(x, Err("down".to_string()));
        assert_eq!(y, Ok(30), "the second request ran its own computation");
        assert!(c.is_empty());
    }
}
