package dev.modelport.flavor;

import dev.modelport.data.Input;
import dev.modelport.data.Output;
import dev.modelport.data.Params;

/**
 * A loaded model, ready to predict. Input has already been enforced against the signature
 * (columns in signature order and types) when there is one. Safe for concurrent use.
 */
public interface Predictor extends AutoCloseable {

    /**
     * Predicts on {@code input}. A failure inside the model is reported as any RuntimeException;
     * the scoring service answers it the way MLflow answers an exception raised by predict.
     */
    Output predict(Input input, Params params);

    /**
     * True when predict runs in this JVM, microseconds a row (the native flavors); false when it
     * waits on another process (python_function's workers) and so may need its timeout.
     */
    default boolean inProcess() {
        return true;
    }

    @Override
    default void close() {
    }
}
