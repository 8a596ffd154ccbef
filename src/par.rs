//! Running a function over `0..n`, or over chunks of a slice, on scoped threads, one
//! per core, with the results in order: the parse of a large file's parts, the reading
//! of sources, the quote verifier and the reports and text of many diagnostics use it,
//! so that their output does not depend on the threads.

use std::sync::atomic::{AtomicUsize, Ordering};

/// How many threads to run on: the machine's cores (1 when unknown).
pub fn cores() -> usize {
    std::thread::available_parallelism().map_or(1, std::num::NonZero::get)
}

/// `f(0..n)` on up to `threads` scoped threads, in order of the index.
pub(crate) fn par_map<T: Send>(n: usize, threads: usize, f: impl Fn(usize) -> T + Sync) -> Vec<T> {
    let threads = threads.clamp(1, n.max(1));
    if threads == 1 {
        return (0..n).map(f).collect();
    }
    let next = AtomicUsize::new(0);
    let mut parts: Vec<(usize, T)> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| {
                    let mut mine = Vec::new();
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        if i >= n {
                            return mine;
                        }
                        mine.push((i, f(i)));
                    }
                })
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|w| w.join().expect("a worker thread panicked"))
            .collect()
    });
    parts.sort_unstable_by_key(|&(i, _)| i);
    parts.into_iter().map(|(_, t)| t).collect()
}

/// `f` of each chunk of `size` items of `items`, on every core, in order: for work
/// on many small items (formatting thousands of diagnostics) in few threads' worth.
pub(crate) fn par_chunks<I: Sync, T: Send>(
    items: &[I],
    size: usize,
    f: impl Fn(&[I]) -> T + Sync,
) -> Vec<T> {
    let chunks: Vec<&[I]> = items.chunks(size.max(1)).collect();
    par_map(chunks.len(), cores(), |c| f(chunks[c]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn par_map_keeps_the_order() {
        for threads in [1, 2, 5] {
            let v = par_map(100, threads, |i| i * i);
            assert_eq!(v, (0..100).map(|i| i * i).collect::<Vec<_>>());
        }
        assert!(par_map(0, 4, |i| i).is_empty());
    }
}
