package dev.modelport.flavor.pyfunc;

import dev.modelport.ErrorCode;
import dev.modelport.ModelportException;
import dev.modelport.data.Input;
import dev.modelport.data.Output;
import dev.modelport.data.Params;
import dev.modelport.flavor.Predictor;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.IntFunction;
import org.jboss.logging.Logger;

/**
 * The Python workers of one model, as a {@link Predictor}: each request takes an idle worker,
 * sends it the enforced input, and returns the worker to the pool. A worker that dies is replaced
 * in the background and only the request it was answering fails, with INTERNAL_ERROR (a crash is
 * the server's failure, unlike an exception raised by the model); one whose caller is interrupted
 * (the request timed out) is killed and replaced, since it may be stuck in the model.
 */
final class WorkerPool implements Predictor {
    private static final Logger LOG = Logger.getLogger(WorkerPool.class);

    private final List<Slot> slots;
    private final BlockingQueue<Slot> idle;
    private final Runnable onClose;

    private WorkerPool(List<Slot> slots, Runnable onClose) {
        this.slots = List.copyOf(slots);
        this.idle = new LinkedBlockingQueue<>(slots);
        this.onClose = onClose;
    }

    /**
     * Starts {@code size} workers at once and waits until every one has loaded the model.
     *
     * @param starter starts worker number {@code i} (from 1) and waits for it to load
     * @throws ModelportException the first worker's load failure; the others are stopped
     */
    static WorkerPool start(int size, IntFunction<PythonWorker> starter, Runnable onClose) {
        List<Slot> slots = new ArrayList<>();
        for (int i = 1; i <= size; i++) {
            slots.add(new Slot(i, starter));
        }
        WorkerPool pool = new WorkerPool(slots, onClose);
        for (Slot slot : slots) {
            try {
                slot.started();
            } catch (RuntimeException e) {
                pool.close();
                throw e;
            }
        }
        return pool;
    }

    @Override
    public boolean inProcess() {
        return false;
    }

    @Override
    public Output predict(Input input, Params params) {
        WorkerMessage request = WorkerCodec.request(input, params);
        Slot slot;
        try {
            slot = idle.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw interrupted();
        }
        WorkerMessage reply;
        try {
            reply = slot.exchange(request);
        } finally {
            idle.add(slot);
        }
        return WorkerCodec.output(reply, input);
    }

    /** The process ids of the live workers, for tests and diagnostics. */
    List<Long> pids() {
        return slots.stream().map(Slot::pid).toList();
    }

    @Override
    public void close() {
        slots.forEach(Slot::close);
        onClose.run();
    }

    private static ModelportException interrupted() {
        return new ModelportException(ErrorCode.DEADLINE_EXCEEDED, "Interrupted while waiting for the Python worker");
    }

    /** One worker position: its current process, replaced when it dies. */
    private static final class Slot {
        private final int number;
        private final IntFunction<PythonWorker> starter;
        private CompletableFuture<PythonWorker> worker;

        Slot(int number, IntFunction<PythonWorker> starter) {
            this.number = number;
            this.starter = starter;
            this.worker = startInBackground();
        }

        private CompletableFuture<PythonWorker> startInBackground() {
            CompletableFuture<PythonWorker> started = new CompletableFuture<>();
            Thread.ofPlatform().name("python-worker-" + number + "-start").daemon().start(() -> {
                try {
                    started.complete(starter.apply(number));
                } catch (RuntimeException e) {
                    started.completeExceptionally(e);
                }
            });
            return started;
        }

        /** Waits for the first worker to load the model; throws its failure. */
        synchronized PythonWorker started() {
            return await(worker);
        }

        /** The live worker, waiting for it to start; a replacement that failed to start is started again. */
        synchronized PythonWorker current() {
            if (worker.isCompletedExceptionally()) {
                worker = startInBackground();
            }
            try {
                return await(worker);
            } catch (ModelportException e) {
                if (e.code() == ErrorCode.DEADLINE_EXCEEDED) {
                    throw e;
                }
                throw new ModelportException(ErrorCode.INTERNAL_ERROR, "The Python worker could not be restarted: " + e.getMessage(), e);
            }
        }

        private static PythonWorker await(CompletableFuture<PythonWorker> worker) {
            try {
                return worker.get();
            } catch (ExecutionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw interrupted();
            }
        }

        WorkerMessage exchange(WorkerMessage request) {
            PythonWorker live = current();
            try {
                return live.exchange(request);
            } catch (PythonWorker.WorkerExited e) {
                LOG.warnf("Python worker %d (pid %d) died; starting a new one. %s", number, live.pid(), e.getMessage());
                replace(live);
                throw new ModelportException(ErrorCode.INTERNAL_ERROR, e.getMessage() + "\nA new Python worker is starting.", e);
            } catch (InterruptedException e) {
                LOG.warnf("Python worker %d (pid %d) did not answer in time; killing it and starting a new one", number, live.pid());
                live.kill();
                replace(live);
                Thread.currentThread().interrupt();
                throw interrupted();
            }
        }

        private synchronized void replace(PythonWorker dead) {
            if (worker.isDone() && !worker.isCompletedExceptionally() && worker.join() == dead) {
                dead.kill();
                worker = startInBackground();
            }
        }

        synchronized long pid() {
            return worker.isDone() && !worker.isCompletedExceptionally() ? worker.join().pid() : -1;
        }

        synchronized void close() {
            worker.thenAccept(PythonWorker::close);
        }
    }
}
