package dev.modelport.testing;

import dev.modelport.data.Input;
import dev.modelport.data.Output;
import dev.modelport.data.Params;
import dev.modelport.flavor.Predictor;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The {@link ProbeFlavor}'s predictor: predicts with the real flavor's predictor, first recording the
 * name of the thread predict runs on and, while a {@link #hold} is open, waiting until it is closed.
 */
public final class ProbePredictor implements Predictor {
    /** How long a held predict waits at most: only so that a test that never closes its hold fails instead of hanging. */
    private static final long HOLD_LIMIT_SECONDS = 120;
    private static final CountDownLatch OPEN = new CountDownLatch(0);

    private final Predictor delegate;
    private final List<String> threads = new CopyOnWriteArrayList<>();
    private volatile CountDownLatch gate = OPEN;

    ProbePredictor(Predictor delegate) {
        this.delegate = delegate;
    }

    /** A hold on predict; closing it lets the held calls go on. */
    public interface Hold extends AutoCloseable {
        @Override
        void close();
    }

    @Override
    public Output predict(Input input, Params params) {
        threads.add(Thread.currentThread().getName());
        try {
            if (!gate.await(HOLD_LIMIT_SECONDS, TimeUnit.SECONDS)) {
                throw new IllegalStateException("held for " + HOLD_LIMIT_SECONDS + " s: the test never closed its hold");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while held", e);
        }
        return delegate.predict(input, params);
    }

    /** The names of the threads predict was called on, oldest first (the load's warm-up included). */
    public List<String> threads() {
        return List.copyOf(threads);
    }

    /** Makes every predict from now on wait until the returned hold is closed. */
    public Hold hold() {
        CountDownLatch latch = new CountDownLatch(1);
        gate = latch;
        return () -> {
            gate = OPEN;
            latch.countDown();
        };
    }

    @Override
    public boolean inProcess() {
        return delegate.inProcess();
    }

    @Override
    public void close() {
        delegate.close();
    }
}
