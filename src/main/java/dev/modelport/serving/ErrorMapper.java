package dev.modelport.serving;

import dev.modelport.ModelportException;
import dev.modelport.scoring.ErrorResponses;
import dev.modelport.scoring.ScoringResponse;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Exceptions of the REST routes as HTTP answers, built by {@link ErrorResponses}: MLflow's error JSON, never a Java stack trace. */
public class ErrorMapper {
    @ServerExceptionMapper
    public Response map(ModelportException e) {
        return toResponse(ErrorResponses.of(e));
    }

    @ServerExceptionMapper
    public Response map(WebApplicationException e) {
        return e.getResponse();
    }

    @ServerExceptionMapper
    public Response map(Exception e) {
        return toResponse(ErrorResponses.internal(e));
    }

    private static Response toResponse(ScoringResponse error) {
        return Response.status(error.status()).type(error.contentType()).entity(error.body()).build();
    }
}
