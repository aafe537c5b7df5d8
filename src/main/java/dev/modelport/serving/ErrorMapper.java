package dev.modelport.serving;

import dev.modelport.ErrorCode;
import dev.modelport.ModelportException;
import dev.modelport.scoring.ScoringService;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** The one place that turns exceptions into HTTP answers: MLflow's error JSON, never a Java stack trace. */
public class ErrorMapper {
    private static final Logger LOG = Logger.getLogger(ErrorMapper.class);

    @ServerExceptionMapper
    public Response map(ModelportException e) {
        return toResponse(e.code(), e.getMessage());
    }

    @ServerExceptionMapper
    public Response map(WebApplicationException e) {
        return e.getResponse();
    }

    @ServerExceptionMapper
    public Response map(Exception e) {
        LOG.error("Unexpected failure answering a request", e);
        return toResponse(ErrorCode.INTERNAL_ERROR, "Internal error: " + e.getClass().getSimpleName());
    }

    private static Response toResponse(ErrorCode code, String message) {
        var error = ScoringService.error(code.status(), code, message);
        return Response.status(error.status()).type(error.contentType()).entity(error.body()).build();
    }
}
