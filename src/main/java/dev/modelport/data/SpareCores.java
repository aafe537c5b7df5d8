package dev.modelport.data;

import java.util.concurrent.Callable;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The cores one big request may borrow: its work in parts, a part on a helper thread (one per core
 * but the caller's, started on first use and kept) only when a helper is idle and a core is not
 * taken by another request's big work, so under a load of big requests each runs on its own thread.
 */
public final class SpareCores {
    private static final int CORES = Runtime.getRuntime().availableProcessors();
    /** Big work (decoding or predicting many rows) running now, on the callers' threads. */
    private static final AtomicInteger BIG_WORK = new AtomicInteger();

    private SpareCores() {
    }

    /** The machine's cores. */
    public static int cores() {
        return CORES;
    }

    /** Marks the start of big work on this thread; returns how many others were running. End it with {@link #endBigWork}. */
    public static int startBigWork() {
        return BIG_WORK.getAndIncrement();
    }

    public static void endBigWork() {
        BIG_WORK.decrementAndGet();
    }

    /** {@code part} started on an idle helper thread, or null when none is idle (the caller does it). */
    public static <T> Future<T> offer(Callable<T> part) {
        try {
            return Helpers.POOL.submit(part);
        } catch (RejectedExecutionException busy) {
            return null;
        }
    }

    private static final class Helpers {
        static final ThreadPoolExecutor POOL = pool();

        private static ThreadPoolExecutor pool() {
            int helpers = Math.max(1, CORES - 1);
            AtomicInteger count = new AtomicInteger();
            ClassLoader app = SpareCores.class.getClassLoader();
            // no queue: a part waits for no one, its caller does it instead
            return new ThreadPoolExecutor(helpers, helpers, 0, TimeUnit.SECONDS, new SynchronousQueue<>(), task -> {
                Thread thread = new Thread(task, "spare-core-" + count.incrementAndGet());
                thread.setDaemon(true);
                thread.setContextClassLoader(app);
                return thread;
            });
        }
    }
}
