package dev.modelport.scoring;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/** What the scoring server answers: HTTP status, content type and body bytes. */
public record ScoringResponse(int status, String contentType, byte[] body) {
    public ScoringResponse {
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(body, "body");
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
