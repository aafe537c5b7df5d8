package dev.modelport.scoring;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.modelport.ErrorCode;
import dev.modelport.ModelportException;
import dev.modelport.data.codec.Json;
import dev.modelport.python.PythonRepr;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Every error answer Modelport gives, built here and nowhere else: MLflow's error JSON
 * {@code {"error_code": ..., "message": ...}} with the status MLflow answers for the code, and
 * the few answers MLflow gives in other shapes (415 as plain text, 413 for a body over the limit).
 * Each situation has its method, so its wording and status live in one line.
 */
public final class ErrorResponses {
    private static final Logger LOG = Logger.getLogger(ErrorResponses.class);
    private static final String JSON = "application/json";
    private static final String TEXT = "text/plain; charset=utf-8";
    /**
     * The longest message an answer carries: messages quote the request (a value that does not convert,
     * a name), so one that quotes a huge value is cut, and an error stays small whatever the input.
     * MLflow's recorded messages are under 1,000 characters.
     */
    static final int MAX_MESSAGE_CHARS = 16 * 1024;

    private ErrorResponses() {
    }

    /** A failure with its code's status: what every {@link ModelportException} a request causes becomes. */
    public static ScoringResponse of(ModelportException e) {
        return of(e.code(), e.getMessage());
    }

    /** MLflow's error answer for {@code code}, with the status MLflow answers it with. */
    public static ScoringResponse of(ErrorCode code, String message) {
        return json(code.status(), code, message);
    }

    /**
     * A failure nobody foresaw (a bug): 500 INTERNAL_ERROR naming only the exception's type, so no
     * path or detail of the host leaks, and the whole trace logged once here.
     */
    public static ScoringResponse internal(Throwable failure) {
        LOG.error("Unexpected failure answering a request", failure);
        return of(ErrorCode.INTERNAL_ERROR, "Internal error: " + failure.getClass().getSimpleName());
    }

    /** 503 while the model loads ({@code failure} empty), MODEL_LOAD_FAILED once it could not be loaded. */
    public static ScoringResponse notReady(Optional<ModelportException> failure) {
        return failure.map(e -> of(ErrorCode.MODEL_LOAD_FAILED, "The model could not be loaded: " + e.getMessage()))
                .orElseGet(() -> of(ErrorCode.TEMPORARILY_UNAVAILABLE, "The model is still loading"));
    }

    /** 503 for a request that arrived after SIGTERM. */
    public static ScoringResponse shuttingDown() {
        return of(ErrorCode.TEMPORARILY_UNAVAILABLE, "The server is shutting down");
    }

    /** 504 for a request not scored within the timeout. */
    public static ScoringResponse timedOut(Duration timeout) {
        return of(ErrorCode.DEADLINE_EXCEEDED, "Request processing time exceeded the limit of " + timeout.toSeconds()
                + " s (set with -t/--timeout or MLFLOW_SCORING_SERVER_REQUEST_TIMEOUT)");
    }

    /** 413 for a body over {@code modelport.max-body-size}; {@code what} names it ("Request body of 12 bytes"). */
    public static ScoringResponse bodyTooLarge(String what, long maxBytes) {
        return json(413, ErrorCode.BAD_REQUEST,
                what + " exceeds the limit of " + maxBytes + " bytes (set modelport.max-body-size, env MODELPORT_MAX_BODY_SIZE)");
    }

    /** 400 (414, 431 for a request line or headers too long) for a request that is not HTTP: {@code reason} says what is wrong with it. */
    public static ScoringResponse malformedHttp(int status, String reason) {
        return json(status, ErrorCode.BAD_REQUEST, "Malformed HTTP request: " + reason);
    }

    /** 505 for a request line naming an HTTP version other than 1.0 and 1.1. */
    public static ScoringResponse httpVersionNotSupported(String version) {
        return json(505, ErrorCode.BAD_REQUEST, "HTTP version " + version + " is not supported: send HTTP/1.1");
    }

    /** 408 for a request line and headers not complete {@code timeout} after their first byte. */
    public static ScoringResponse headersTooSlow(Duration timeout) {
        return json(408, ErrorCode.BAD_REQUEST, "The request line and headers did not arrive within " + seconds(timeout)
                + " of their first byte (set modelport.http.header-timeout)");
    }

    /** 408 for a body arriving slower than {@code bytesPerSecond}, or stalled for {@code timeout}. */
    public static ScoringResponse bodyTooSlow(long bytesPerSecond, Duration timeout) {
        return json(408, ErrorCode.BAD_REQUEST, "The request body arrived slower than " + bytesPerSecond + " bytes a second, or stalled for "
                + seconds(timeout) + " (set modelport.http.min-body-rate and modelport.http.header-timeout)");
    }

    /** 503 for a big body the memory budget has no room for while other big requests are scored. */
    public static ScoringResponse noMemoryFree(long bodyBytes, long needBytes, long budgetBytes) {
        return of(ErrorCode.TEMPORARILY_UNAVAILABLE, "The server is scoring other big requests: this body of " + bodyBytes
                + " bytes needs " + (needBytes >> 20) + " MB of the " + (budgetBytes >> 20)
                + " MB big requests may take together (modelport.memory.budget); retry later");
    }

    /** 415 in plain text, as MLflow's scoring server answers a content type or charset it does not take. */
    public static ScoringResponse unsupportedMediaType(String message) {
        return new ScoringResponse(415, TEXT, message.getBytes(StandardCharsets.UTF_8));
    }

    private static String seconds(Duration timeout) {
        return timeout.toMillis() % 1000 == 0 ? timeout.toSeconds() + " s" : timeout.toMillis() + " ms";
    }

    /** MLflow's error body {@code {"error_code": ..., "message": ...}}, written as Python's json writes it. */
    static byte[] errorJson(ErrorCode code, String message) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(128 + message.length());
        try (JsonGenerator g = Json.pythonStyleGenerator(bytes)) {
            g.writeStartObject();
            g.writeStringField("error_code", code.name());
            g.writeStringField("message", message);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static ScoringResponse json(int status, ErrorCode code, String message) {
        return new ScoringResponse(status, JSON, errorJson(code, PythonRepr.cut(message, MAX_MESSAGE_CHARS)));
    }
}
