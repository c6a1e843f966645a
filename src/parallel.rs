//! The one engine for data parallelism: loading vendor files, hashing them for the cache,
//! building the search index and searching it all split their items the same way.

/// Threads worth using for `items` items: one below `at_least`, else the machine's cores, at
/// most eight (beyond that the work is memory-bound).
pub fn threads_for(items: usize, at_least: usize) -> usize {
    if items < at_least {
        return 1;
    }
    std::thread::available_parallelism().map_or(1, |n| n.get().clamp(1, 8))
}

/// `work` over `items` split into `threads` interleaved parts (item `i` in part
/// `i % threads`, so that each part gets a similar mix of cheap and costly items), each part on
/// a scoped thread of its own; the results come back in the items' order. `work` returns one
/// result per item of its part, in order, and may keep state across a part (scratch buffers).
/// With one thread it runs here. A panic in `work` is raised again here.
pub fn map_chunks<T: Send, R: Send>(
    items: Vec<T>,
    threads: usize,
    work: impl Fn(Vec<T>) -> Vec<R> + Sync,
) -> Vec<R> {
    let n = items.len();
    let threads = threads.clamp(1, n.max(1));
    if threads == 1 {
        return work(items);
    }
    let mut parts: Vec<Vec<T>> = (0..threads)
        .map(|_| Vec::with_capacity(n.div_ceil(threads)))
        .collect();
    for (i, item) in items.into_iter().enumerate() {
        parts[i % threads].push(item);
    }
    let done: Vec<Vec<R>> = std::thread::scope(|s| {
        let work = &work;
        let handles: Vec<_> = parts
            .into_iter()
            .map(|part| s.spawn(move || work(part)))
            .collect();
        handles
            .into_iter()
            .map(|h| {
                h.join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            })
            .collect()
    });
    let mut parts: Vec<_> = done.into_iter().map(Vec::into_iter).collect();
    (0..n)
        .map(|i| {
            parts[i % threads]
                .next()
                .expect("`work` returns one result per item of its part")
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_come_back_in_the_items_order_whatever_the_threads() {
        let items: Vec<u32> = (0..1000).collect();
        let squares: Vec<u64> = items.iter().map(|&i| u64::from(i) * u64::from(i)).collect();
        for threads in [0, 1, 2, 3, 7, 8, 2000] {
            let got = map_chunks(items.clone(), threads, |part| {
                part.into_iter()
                    .map(|i| u64::from(i) * u64::from(i))
                    .collect()
            });
            assert_eq!(got, squares, "{threads} threads");
        }
        assert!(map_chunks(Vec::<u8>::new(), 4, |p| p).is_empty());
    }

    #[test]
    fn each_part_is_a_mix_of_the_items() {
        // Part p holds items p, p + threads, …: the first item of every part is below threads.
        let firsts = map_chunks((0..40).collect(), 4, |part: Vec<usize>| {
            let first = part[0];
            part.into_iter().map(|_| first).collect()
        });
        assert_eq!(&firsts[..4], &[0, 1, 2, 3]);
        assert!(firsts.iter().all(|&f| f < 4));
    }

    #[test]
    fn as_many_parts_as_threads_run_on_as_many_threads() {
        // The cached load hands over one run of records per thread: two runs, two threads.
        for threads in [2, 3, 8] {
            let ids = map_chunks((0..threads).collect(), threads, |part: Vec<usize>| {
                part.iter().map(|_| std::thread::current().id()).collect()
            });
            let distinct: std::collections::HashSet<_> = ids.iter().collect();
            assert_eq!(distinct.len(), threads, "{threads} threads");
        }
    }

    #[test]
    fn few_items_stay_on_one_thread() {
        assert_eq!(threads_for(10, 64), 1);
        assert!(threads_for(64, 64) >= 1);
    }
}
