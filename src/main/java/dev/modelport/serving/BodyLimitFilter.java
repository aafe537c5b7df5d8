package dev.modelport.serving;

import jakarta.inject.Provider;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.spi.ResteasyReactiveContainerRequestContext;

/** Refuses a body whose declared Content-Length is over the limit before it is read. */
public class BodyLimitFilter {
    // Filters are built before runtime configuration exists; the limit is looked up on first use.
    private final Provider<BodyLimit> limit;

    BodyLimitFilter(Provider<BodyLimit> limit) {
        this.limit = limit;
    }

    @ServerRequestFilter(preMatching = true)
    public Optional<Response> checkDeclaredLength(ResteasyReactiveContainerRequestContext request) {
        String declared = request.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        if (declared == null) {
            return Optional.empty();
        }
        long length;
        try {
            length = Long.parseLong(declared.trim());
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        return limit.get().tooLarge(length)
                .map(answer -> Response.status(answer.status()).type(answer.contentType()).entity(answer.body()).build());
    }
}
