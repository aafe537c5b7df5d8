package dev.modelport.serving;

import dev.modelport.scoring.ErrorResponses;
import dev.modelport.scoring.ScoringResponse;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The scoring threads: {@code -w/--workers} of them (default: one per core), off the HTTP event loop,
 * and the request timeout: a request not scored within {@code -t/--timeout} is answered 504
 * DEADLINE_EXCEEDED and its scoring thread interrupted. Answers are completed on our own threads, whose
 * context class loader is the app's (a JDK-shared thread, such as {@code CompletableFuture}'s delayer,
 * may carry another, and what runs after an answer may look classes up through it).
 */
@Singleton
public class ScoringPool {
    private final ExecutorService executor;
    private final ScheduledExecutorService timer;
    private final int workers;
    private final Duration timeout;

    ScoringPool(ServingConfig config) {
        int workers = config.workers().orElse(Runtime.getRuntime().availableProcessors());
        if (workers < 1) {
            throw new IllegalArgumentException("--workers must be at least 1, got " + workers);
        }
        this.workers = workers;
        this.executor = Executors.newFixedThreadPool(workers, appThreads("scoring-"));
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, appThreads("scoring-timeout-"));
        // a cancelled deadline leaves the queue at once: kept until it fell due, every answered request's
        // deadline (and the answer it holds) would stay reachable for the whole timeout, filling the heap under load
        timer.setRemoveOnCancelPolicy(true);
        this.timer = timer;
        this.timeout = config.timeout();
    }

    private static ThreadFactory appThreads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        ClassLoader app = ScoringPool.class.getClassLoader();
        return task -> {
            Thread thread = new Thread(task, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            thread.setContextClassLoader(app);
            return thread;
        };
    }

    int workers() {
        return workers;
    }

    /** Scores on a scoring thread; completes with MLflow's 504 answer when the timeout passes first. */
    CompletableFuture<ScoringResponse> submit(Supplier<ScoringResponse> scoring) {
        CompletableFuture<ScoringResponse> answer = new CompletableFuture<>();
        var task = executor.submit(() -> {
            try {
                answer.complete(scoring.get());
            } catch (RuntimeException | Error e) {
                answer.completeExceptionally(e);
            }
        });
        var deadline = timer.schedule(() -> answer.complete(ErrorResponses.timedOut(timeout)), timeout.toMillis(), TimeUnit.MILLISECONDS);
        answer.whenComplete((response, failure) -> {
            task.cancel(true);
            deadline.cancel(false);
        });
        return answer;
    }

    void onStop(@Observes ShutdownEvent event) {
        executor.shutdown();
        timer.shutdownNow();
    }
}
