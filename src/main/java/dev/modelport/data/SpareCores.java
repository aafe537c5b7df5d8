package dev.modelport.data;

import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
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

    /** Marks the end of big work {@link #startBigWork} marked. */
    public static void endBigWork() {
        BIG_WORK.decrementAndGet();
    }

    /**
     * {@code work} handed to an idle helper thread, or null when none is idle (the caller does it).
     * A helper is not always scheduled at once (a virtual machine's host may hold its CPUs back), so
     * a caller done with its own part takes back a part no helper has started ({@link Part#takeBack}).
     */
    public static <T> Part<T> offer(Callable<T> work) {
        Part<T> part = new Part<>(work);
        try {
            Helpers.POOL.execute(part::runOnHelper);
            return part;
        } catch (RejectedExecutionException busy) {
            return null;
        }
    }

    /** Work handed to a helper thread: done there once it starts, or taken back by the caller before. */
    public static final class Part<T> {
        private final Callable<T> work;
        private final AtomicBoolean started = new AtomicBoolean();
        private final CompletableFuture<T> result = new CompletableFuture<>();

        private Part(Callable<T> work) {
            this.work = work;
        }

        private void runOnHelper() {
            if (started.compareAndSet(false, true)) {
                try {
                    result.complete(work.call());
                } catch (Exception | Error e) {
                    result.completeExceptionally(e);
                }
            }
        }

        /** True when no helper had started the work: it never will, and the caller does it. */
        public boolean takeBack() {
            return started.compareAndSet(false, true);
        }

        /**
         * The helper's result, once the work has been handed over for good (not {@link #takeBack taken
         * back}); empty when the work threw an exception (an Error it threw is thrown here).
         */
        public Optional<T> join() throws InterruptedException {
            try {
                return Optional.ofNullable(result.get());
            } catch (ExecutionException e) {
                if (e.getCause() instanceof Error error) {
                    throw error;
                }
                return Optional.empty();
            }
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
