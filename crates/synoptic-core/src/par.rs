//! Spreading work over the threads only when there is enough of it.
//!
//! Handing pieces to other threads and waking them costs some microseconds
//! each time; on a single paragraph of six versions (Darwin's editions) that
//! was half the time of a comparison. Small inputs stay on the calling
//! thread, which also leaves the other threads free for the next text of a
//! batch.

use rayon::prelude::*;

/// How much text (in bytes) a comparison needs before its steps are spread
/// over the threads.
pub(crate) const MIN_PARALLEL_BYTES: usize = 64 * 1024;

/// `items` mapped through `f`, in order: on all threads when `parallel`,
/// else on the calling thread.
pub(crate) fn map<T, R, F>(parallel: bool, items: &[T], f: F) -> Vec<R>
where
    T: Sync,
    R: Send,
    F: Fn(&T) -> R + Sync + Send,
{
    if parallel {
        items.par_iter().map(f).collect()
    } else {
        items.iter().map(f).collect()
    }
}

/// `f` applied to `0..n`, in order, as [`map`] does.
pub(crate) fn map_range<R, F>(parallel: bool, n: usize, f: F) -> Vec<R>
where
    R: Send,
    F: Fn(usize) -> R + Sync + Send,
{
    if parallel {
        (0..n).into_par_iter().map(f).collect()
    } else {
        (0..n).map(f).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_ways_give_the_same_order() {
        let items: Vec<usize> = (0..1000).collect();
        let twice = |x: &usize| x * 2;
        assert_eq!(map(true, &items, twice), map(false, &items, twice));
        assert_eq!(
            map_range(true, 500, |i| i + 1),
            map_range(false, 500, |i| i + 1)
        );
        assert_eq!(map_range(false, 3, |i| i), vec![0, 1, 2]);
    }
}
