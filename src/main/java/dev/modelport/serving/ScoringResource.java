package dev.modelport.serving;

import dev.modelport.ErrorCode;
import dev.modelport.ModelportVersion;
import dev.modelport.scoring.ScoringResponse;
import dev.modelport.scoring.ScoringService;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.jboss.resteasy.reactive.RestResponse;

/** MLflow's scoring routes: {@code /ping}, {@code /health}, {@code /version}, {@code /invocations}. */
@Path("/")
public class ScoringResource {
    private static final byte[] PING_BODY = "\n".getBytes(StandardCharsets.UTF_8);
    private static final String JSON = "application/json";
    /** Bodies up to this size (a few hundred rows) of an in-process model are scored on the event loop. */
    static final int INLINE_MAX_BYTES = 8 * 1024;

    private final ServedModel model;
    private final ScoringPool pool;
    private final BodyLimit limit;
    private final ServingMetrics metrics;

    ScoringResource(ServedModel model, ScoringPool pool, BodyLimit limit, ServingMetrics metrics) {
        this.model = model;
        this.pool = pool;
        this.limit = limit;
        this.metrics = metrics;
    }

    /** 200 with MLflow's body once the model is loaded and warmed, 503 before. */
    @GET
    @Path("ping")
    public RestResponse<byte[]> ping() {
        return switch (model.state()) {
            case ModelState.Ready ready -> RestResponse.ResponseBuilder.ok(PING_BODY, JSON).build();
            case ModelState.Loading loading -> unavailable("The model is still loading");
            case ModelState.Failed failed -> unavailable("The model could not be loaded: " + failed.reason().getMessage());
        };
    }

    @GET
    @Path("health")
    public RestResponse<byte[]> health() {
        return ping();
    }

    /** Modelport's version (MLflow answers its own version string the same way). */
    @GET
    @Path("version")
    public RestResponse<byte[]> version() {
        return RestResponse.ResponseBuilder.ok(ModelportVersion.get().getBytes(StandardCharsets.UTF_8), JSON).build();
    }

    @POST
    @Path("invocations")
    public CompletionStage<RestResponse<byte[]>> invocations(@HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, byte[] body) {
        return score(contentType, body, UnaryOperator.identity());
    }

    /**
     * Scores once the model is ready; {@code answer} adapts the response to a platform. A small body
     * for a model that predicts in this JVM is scored right here on the event loop: it takes
     * microseconds, and the two thread hops to a scoring thread and back cost more than that (they
     * set the p99 of single-row requests). Anything else goes to the scoring threads, under the timeout.
     */
    CompletionStage<RestResponse<byte[]>> score(String contentType, byte[] body, UnaryOperator<ScoringResponse> answer) {
        return switch (model.state()) {
            case ModelState.Ready ready -> limit.tooLarge(body.length).map(CompletableFuture::completedFuture)
                    .orElseGet(() -> scoreReady(ready, contentType, body, answer))
                    .thenApply(response -> toRest(metrics.count(response)));
            case ModelState.Loading loading -> CompletableFuture.completedFuture(unavailable("The model is still loading"));
            case ModelState.Failed failed -> CompletableFuture.completedFuture(
                    unavailable("The model could not be loaded: " + failed.reason().getMessage()));
        };
    }

    private CompletableFuture<ScoringResponse> scoreReady(ModelState.Ready ready, String contentType, byte[] body,
            UnaryOperator<ScoringResponse> answer) {
        Supplier<ScoringResponse> scoring = () -> answer.apply(ready.scoring().score(contentType, body));
        return body.length <= INLINE_MAX_BYTES && ready.scoring().inProcess()
                ? CompletableFuture.completedFuture(scoring.get())
                : pool.submit(scoring);
    }

    static RestResponse<byte[]> toRest(ScoringResponse response) {
        return RestResponse.ResponseBuilder.<byte[]>create(response.status()).entity(response.body()).type(response.contentType()).build();
    }

    private static RestResponse<byte[]> unavailable(String message) {
        return toRest(ScoringService.error(ErrorCode.TEMPORARILY_UNAVAILABLE.status(), ErrorCode.TEMPORARILY_UNAVAILABLE, message));
    }
}
