//! How the process holds memory. glibc's allocator gives every thread that meets
//! contention an arena of its own (up to eight per core) and keeps what its threads free
//! for reuse: after 64 concurrent requests ran on the blocking pool's threads, the
//! service held about 130 MiB, most of it free memory kept in a dozen arenas. Two arenas
//! and a periodic trim (`trim`, from the fold task) give that memory back; what stays is
//! what is in use. Elsewhere (musl, other systems) both are no-ops.

use std::sync::atomic::{AtomicBool, Ordering};

/// Set by `limit_arenas`: only the process that chose the allocator's policy (the
/// binary) trims; a library user such as the test harness keeps glibc's defaults.
static MANAGED: AtomicBool = AtomicBool::new(false);

/// At most two malloc arenas. Call first in `main`, before other threads start.
pub fn limit_arenas() {
    MANAGED.store(true, Ordering::SeqCst);
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: `mallopt` sets an allocator parameter; it has no memory-safety
    // preconditions and is called before any other thread exists.
    unsafe {
        libc::mallopt(libc::M_ARENA_MAX, 2);
    }
}

/// Returns the free memory the allocator keeps to the system (after `limit_arenas`).
pub fn trim() {
    if !MANAGED.load(Ordering::SeqCst) {
        return;
    }
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: `malloc_trim` only releases free pages; it is thread-safe.
    unsafe {
        libc::malloc_trim(0);
    }
}
