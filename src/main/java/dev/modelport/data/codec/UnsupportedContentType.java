package dev.modelport.data.codec;

/** A request whose content type the scoring server does not read (MLflow answers 415 with this message, as plain text). */
public final class UnsupportedContentType extends RuntimeException {
    UnsupportedContentType(String message) {
        super(message, null, false, false);
    }
}
