package dev.modelport.data.codec;

import dev.modelport.data.Output;

/** Writes a model's output as the answer to {@code request}, in the shape its protocol answers. Thread-safe. */
@FunctionalInterface
public interface ResponseCodec {
    byte[] encode(Output output, DecodedRequest request);
}
