package dev.modelport.flavor.sklearn.pickle;

/** A pickle that cannot or must not be loaded; the flavor turns it into a ModelportException. */
public final class PickleException extends RuntimeException {
    public PickleException(String message) {
        super(message);
    }
}
