package dev.modelport.serving;

import dev.modelport.scoring.ErrorResponses;
import dev.modelport.scoring.ScoringResponse;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * The heap big requests may take together, so concurrent ones cannot exhaust it: a body of
 * {@code modelport.memory.big-body-from} (1 MB) or more reserves {@link #BYTES_PER_BODY_BYTE} times its
 * size while it is read and scored, and one that would pass the budget ({@code modelport.memory.budget},
 * default 60% of the heap) is answered 503 with {@code Retry-After}, unless no other is in flight. A
 * second after the last big request of a burst, the heap is collected until it stops shrinking: the
 * serial collector gives memory back only after full collections (a few: it shrinks the heap by 0, 10,
 * 40 then 100% of the excess), and otherwise kept a burst's peak for good. And a big request that finds
 * the heap full of an earlier one's garbage has it collected first ({@link Ticket#makeRoom}): the serial
 * collector grows the heap for a big array rather than collect, so ten 99 MiB requests in a row had
 * grown it to 12 GB.
 */
@Singleton
public class MemoryBudget {
    /**
     * What scoring a body costs at its peak, per body byte: a 99 MiB iris body (5.7M rows of four floats)
     * is scored within a 400 MB heap, and not within 300 MB (bench/big_requests.py).
     */
    static final int BYTES_PER_BODY_BYTE = 4;
    private static final Logger LOG = Logger.getLogger(MemoryBudget.class);
    private static final long RELEASE_AFTER_MILLIS = 1000;
    private static final long GARBAGE_WORTH_COLLECTING = 256L << 20;
    /** Full collections after a burst: the serial collector's fourth one shrinks the heap to what is live. */
    private static final int COLLECTIONS = 4;

    private final long bigFrom;
    private final long budget;
    private final ScheduledExecutorService releaser;
    private long reserved;
    private int inFlight;
    private ScheduledFuture<?> release;
    /** The ticket of every small body: nothing to give back. */
    private final Ticket unweighed = new Ticket(0);

    @Inject
    MemoryBudget(ServingConfig config) {
        this(config.memory().bigBodyFrom().asLongValue(),
                config.memory().budget().map(b -> b.asLongValue()).orElse(Runtime.getRuntime().maxMemory() / 10 * 6));
    }

    MemoryBudget(long bigFrom, long budget) {
        this.bigFrom = bigFrom;
        this.budget = budget;
        this.releaser = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "memory-release");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** A body's claim on the budget, given back (once) when its request is done. */
    public final class Ticket {
        private final long bytes;
        private final AtomicBoolean released = new AtomicBoolean();

        private Ticket(long bytes) {
            this.bytes = bytes;
        }

        /** True when the ticket holds memory of the budget, to be given back. */
        boolean weighed() {
            return bytes > 0;
        }

        public void release() {
            if (bytes > 0 && released.compareAndSet(false, true)) {
                returned(bytes);
            }
        }

        /**
         * Before a big request is scored, alone: a full collection when the heap holds much more than the
         * request needs, which can only be garbage of earlier ones (one collection of a mostly dead heap
         * is ~0.1 s, against ~2.5 s to score a 99 MiB body).
         */
        void makeRoom() {
            if (bytes == 0 || !alone()) {
                return;
            }
            Runtime runtime = Runtime.getRuntime();
            if (runtime.totalMemory() - runtime.freeMemory() > 2 * bytes + GARBAGE_WORTH_COLLECTING) {
                System.gc();
            }
        }
    }

    /** The ticket for a body of {@code bodyBytes}, or null when the memory it needs is taken by other big requests. */
    Ticket admit(long bodyBytes) {
        if (bodyBytes < bigFrom) {
            return unweighed;
        }
        long need = bodyBytes * BYTES_PER_BODY_BYTE;
        synchronized (this) {
            if (inFlight > 0 && reserved + need > budget) {
                return null;
            }
            reserved += need;
            inFlight++;
            if (release != null) {
                release.cancel(false);
                release = null;
            }
        }
        return new Ticket(need);
    }

    /** 503 for a body refused by {@link #admit}. */
    ScoringResponse refusal(long bodyBytes) {
        return ErrorResponses.noMemoryFree(bodyBytes, bodyBytes * BYTES_PER_BODY_BYTE, budget);
    }

    private synchronized boolean alone() {
        return inFlight == 1;
    }

    private synchronized void returned(long bytes) {
        reserved -= bytes;
        inFlight--;
        if (inFlight == 0) {
            release = releaser.schedule(this::giveBackMemory, RELEASE_AFTER_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    private void giveBackMemory() {
        long before = Runtime.getRuntime().totalMemory();
        for (int i = 0; i < COLLECTIONS; i++) {
            synchronized (this) {
                if (inFlight > 0) {
                    return;
                }
            }
            System.gc();
        }
        LOG.debugf("After a burst of big requests the heap went from %d to %d MB", before >> 20, Runtime.getRuntime().totalMemory() >> 20);
    }

    void onStop(@Observes ShutdownEvent event) {
        releaser.shutdownNow();
    }
}
