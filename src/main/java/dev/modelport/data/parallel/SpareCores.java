package dev.modelport.data.parallel;

import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executor;
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
 * Built once per served model from {@code modelport.spare-cores.*}; {@link #none()} lends nothing.
 */
public final class SpareCores implements AutoCloseable {
    private final int cores;
    private final SplitThresholds thresholds;
    /** Big work (decoding or predicting many rows) running now, on the callers' threads. */
    private final AtomicInteger bigWork = new AtomicInteger();
    /** The helper threads (an ExecutorService the close stops), or what tests hand parts to; null when there is no core to spare. */
    private final Executor handOver;

    /** Spare cores with the measured thresholds. */
    public SpareCores(int cores) {
        this(cores, SplitThresholds.MEASURED);
    }

    /** Spare cores for callers on a machine (or a share of one) of {@code cores} cores: {@code cores - 1} helper threads. */
    public SpareCores(int cores, SplitThresholds thresholds) {
        if (cores < 1) {
            throw new IllegalArgumentException("cores must be at least 1, got " + cores);
        }
        this.cores = cores;
        this.thresholds = Objects.requireNonNull(thresholds, "thresholds");
        this.handOver = cores > 1 ? helperThreads(cores - 1) : null;
    }

    /** With parts handed to {@code handOver} instead of helper threads (tests run them when they choose). */
    SpareCores(int cores, Executor handOver) {
        this.cores = cores;
        this.thresholds = SplitThresholds.MEASURED;
        this.handOver = Objects.requireNonNull(handOver, "handOver");
    }

    /** No core to spare: every caller does all its work itself. */
    public static SpareCores none() {
        return new SpareCores(1);
    }

    /** The cores a caller's work may spread over, its own included. */
    public int cores() {
        return cores;
    }

    /** When work is big enough to be spread. */
    public SplitThresholds thresholds() {
        return thresholds;
    }

    /** Marks the start of big work on this thread; returns how many others were running. End it with {@link #endBigWork}. */
    public int startBigWork() {
        return bigWork.getAndIncrement();
    }

    /** Marks the end of big work {@link #startBigWork} marked. */
    public void endBigWork() {
        bigWork.decrementAndGet();
    }

    /**
     * {@code work} handed to an idle helper thread, or null when none is idle (the caller does it).
     * A helper is not always scheduled at once (a virtual machine's host may hold its CPUs back), so
     * a caller done with its own part takes back a part no helper has started ({@link Part#takeBack}).
     */
    public <T> Part<T> offer(Callable<T> work) {
        if (handOver == null) {
            return null;
        }
        Part<T> part = new Part<>(work);
        try {
            handOver.execute(part::runOnHelper);
            return part;
        } catch (RejectedExecutionException busy) {
            return null;
        }
    }

    /** Stops the helper threads; work offered afterwards is done by its callers. */
    @Override
    public void close() {
        if (handOver instanceof ExecutorService helpers) {
            helpers.shutdownNow();
        }
    }

    /** Work handed to a helper thread: done there once it starts, or taken back (or cancelled) by the caller before. */
    public static final class Part<T> {
        private final Callable<T> work;
        private final AtomicBoolean started = new AtomicBoolean();
        private final CompletableFuture<T> result = new CompletableFuture<>();
        /** The helper running the work, while it runs; guarded by this. */
        private Thread runner;
        /** Guarded by this. */
        private boolean cancelled;

        private Part(Callable<T> work) {
            this.work = work;
        }

        private void runOnHelper() {
            if (!started.compareAndSet(false, true)) {
                return;
            }
            synchronized (this) {
                runner = Thread.currentThread();
                if (cancelled) {
                    runner.interrupt();
                }
            }
            try {
                result.complete(work.call());
            } catch (Exception | Error e) {
                result.completeExceptionally(e);
            } finally {
                synchronized (this) {
                    runner = null;
                    Thread.interrupted(); // a cancel's interrupt ends with this part, never reaching the helper's next one
                }
            }
        }

        /** True when no helper had started the work: it never will, and the caller does it. */
        public boolean takeBack() {
            return started.compareAndSet(false, true);
        }

        /**
         * Gives the work up, for a request that no longer wants its answer (it timed out): a part no
         * helper has started never runs, and the helper running one is interrupted, which ends work
         * that waits (the evaluators, which never wait, finish their part and its answer is dropped).
         */
        public void cancel() {
            if (started.compareAndSet(false, true)) {
                result.cancel(false);
                return;
            }
            synchronized (this) {
                cancelled = true;
                if (runner != null) {
                    runner.interrupt();
                }
            }
        }

        /**
         * The helper's result, once the work has been handed over for good (not {@link #takeBack taken
         * back}); empty when the work threw an exception or was cancelled (an Error it threw is thrown here).
         */
        public Optional<T> join() throws InterruptedException {
            try {
                return Optional.ofNullable(result.get());
            } catch (ExecutionException e) {
                if (e.getCause() instanceof Error error) {
                    throw error;
                }
                return Optional.empty();
            } catch (CancellationException e) {
                return Optional.empty();
            }
        }
    }

    private static ThreadPoolExecutor helperThreads(int helpers) {
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
