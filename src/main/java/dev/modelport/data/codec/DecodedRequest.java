package dev.modelport.data.codec;

import dev.modelport.data.Input;
import java.util.Objects;

/**
 * A decoded scoring request: the model input, the format it came in, and the {@code params}
 * value exactly as the JSON gave it (null when absent or JSON null; otherwise a
 * {@code Map<String,Object>}, {@code List<Object>}, String, Long, BigInteger, Double or Boolean).
 */
public record DecodedRequest(Input input, RequestFormat format, Object params) {
    public DecodedRequest {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(format, "format");
    }
}
