package dev.modelport.serving;

import dev.modelport.scoring.ErrorResponses;
import dev.modelport.scoring.ScoringResponse;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * The scoring POSTs: {@code /invocations} (MLflow, SageMaker) and Azure ML's {@code /score}, as Vert.x
 * routes ahead of Quarkus REST. A body is gathered into one array ({@link BodyReader}), scored, and the
 * answer's bytes written as they are: through a REST method taking {@code byte[]}, a 1 MB body had
 * cost 6.1 ms against 1.8 ms for a bare Vert.x route. A body over {@code modelport.max-body-size} is
 * answered 413 in MLflow's shape, by its declared length before it is read, or once a chunked one
 * passes it.
 */
@Singleton
public class ScoringRoutes {
    private static final String ALLOWED = "POST, OPTIONS";
    /** Bodies up to this size (a few hundred rows) of an in-process model are scored on the event loop. */
    static final int INLINE_MAX_BYTES = 8 * 1024;

    private final ServedModel model;
    private final ScoringPool pool;
    private final BodyLimit limit;
    private final ServingMetrics metrics;
    private final MemoryBudget memory;

    ScoringRoutes(ServedModel model, ScoringPool pool, BodyLimit limit, ServingMetrics metrics, MemoryBudget memory) {
        this.model = model;
        this.pool = pool;
        this.limit = limit;
        this.metrics = metrics;
        this.memory = memory;
    }

    void register(@Observes Router router) {
        route(router, "/invocations", UnaryOperator.identity(), UnaryOperator.identity());
        route(router, "/score", AzureScoreRequest::toMlflowBody, AzureScoreRequest::bareAnswer);
    }

    /** {@code request} turns the body into an MLflow body, {@code answer} adapts the scoring service's answer to the platform. */
    private void route(Router router, String path, UnaryOperator<byte[]> request, UnaryOperator<ScoringResponse> answer) {
        router.route(path).order(RouteConstants.ROUTE_ORDER_BEFORE_DEFAULT)
                .handler(context -> handle(context, request, answer))
                .failureHandler(context -> write(context, ErrorResponses.internal(
                        context.failure() != null ? context.failure() : new IllegalStateException("HTTP " + context.statusCode()))));
    }

    /**
     * Only POST is scored; a declared length over the limit, or one the memory budget has no room for, is
     * refused before the body is read (a chunked body is weighed once it is read).
     */
    private void handle(RoutingContext context, UnaryOperator<byte[]> request, UnaryOperator<ScoringResponse> answer) {
        HttpMethod method = context.request().method();
        if (method == HttpMethod.OPTIONS) {
            context.response().putHeader(HttpHeaders.ALLOW, ALLOWED).end();
            return;
        }
        if (method != HttpMethod.POST) {
            context.response().setStatusCode(405).putHeader(HttpHeaders.ALLOW, ALLOWED).end();
            return;
        }
        long declared = declaredLength(context);
        var tooLarge = limit.tooLarge(declared);
        if (tooLarge.isPresent()) {
            write(context, tooLarge.get());
            return;
        }
        MemoryBudget.Ticket declaredTicket = declared >= 0 ? admitted(context, declared) : null;
        if (declared >= 0 && declaredTicket == null) {
            return;
        }
        BodyReader.read(context.request(), declared, limit.maxBytes(), body -> {
            MemoryBudget.Ticket ticket = declaredTicket != null ? declaredTicket : admitted(context, body.length);
            if (ticket == null) {
                return;
            }
            try {
                score(context, body, ticket, request, answer);
            } catch (RuntimeException e) {
                write(context, ErrorResponses.internal(e));
            }
        }, () -> write(context, limit.exceeded()));
    }

    /** Memory reserved for a body of {@code bytes} until the request is done; null, answered 503, when there is none. */
    private MemoryBudget.Ticket admitted(RoutingContext context, long bytes) {
        MemoryBudget.Ticket ticket = memory.admit(bytes);
        if (ticket == null) {
            context.response().putHeader(HttpHeaders.RETRY_AFTER, "1");
            write(context, memory.refusal(bytes));
            return null;
        }
        if (ticket.weighed()) {
            context.addEndHandler(done -> ticket.release());
        }
        return ticket;
    }

    /** The declared Content-Length, -1 for a chunked body (Vert.x refuses a malformed one before a route sees it). */
    private static long declaredLength(RoutingContext context) {
        String declared = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        try {
            return declared == null ? -1 : Long.parseLong(declared.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /**
     * Scores once the model is ready. A small body for a model that predicts in this JVM is scored right
     * here on the event loop: it takes microseconds, and the two thread hops to a scoring thread and back
     * cost more than that (they set the p99 of single-row requests). Anything else goes to the scoring
     * threads, under the timeout.
     */
    private void score(RoutingContext context, byte[] body, MemoryBudget.Ticket ticket, UnaryOperator<byte[]> request,
            UnaryOperator<ScoringResponse> answer) {
        ModelState state = model.state(); // read once: it may turn Ready between two reads
        if (!(state instanceof ModelState.Ready ready)) {
            write(context, ServedModel.notReady(state));
            return;
        }
        String contentType = context.request().getHeader(HttpHeaders.CONTENT_TYPE);
        Supplier<ScoringResponse> scoring = () -> {
            ticket.makeRoom();
            return answer.apply(ready.scoring().score(contentType, request.apply(body)));
        };
        if (body.length <= INLINE_MAX_BYTES && ready.scoring().inProcess()) {
            write(context, scoring.get());
            return;
        }
        pool.submit(scoring).whenComplete((response, failure) -> write(context, failure == null ? response : ErrorResponses.internal(failure)));
    }

    private void write(RoutingContext context, ScoringResponse answer) {
        metrics.count(answer);
        HttpServerResponse response = context.response();
        if (response.ended() || response.closed()) {
            return; // the client went away
        }
        send(response, answer);
    }

    /** Writes {@code answer} as it is: its status, content type and bytes. */
    static void send(HttpServerResponse response, ScoringResponse answer) {
        response.setStatusCode(answer.status()).putHeader(HttpHeaders.CONTENT_TYPE, answer.contentType()).end(Buffer.buffer(answer.body()));
    }
}
