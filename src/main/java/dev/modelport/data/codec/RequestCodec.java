package dev.modelport.data.codec;

/**
 * Reads the body of a scoring request in one wire format into the model's input and the request's
 * params. One implementation per format, chosen by {@link RequestCodecs#forFormat}; each is built
 * once per model (it holds the signature's hints and the protocol's rules) and is thread-safe.
 */
@FunctionalInterface
public interface RequestCodec {
    /** @throws dev.modelport.ModelportException with MLflow's error when the body cannot be read */
    DecodedRequest decode(byte[] body);
}
