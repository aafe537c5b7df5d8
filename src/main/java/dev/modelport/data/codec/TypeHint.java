package dev.modelport.data.codec;

import dev.modelport.data.Dtype;
import java.util.Objects;
import java.util.Optional;

/**
 * What one signature input asks of the decoder: its name (absent when the signature is
 * unnamed), the dtype a DataFrame column is cast to at parse time (pandas' {@code astype}, as
 * MLflow's {@code cast_df_types_according_to_schema}), and the dtype a TF-serving array is
 * built with ({@code np.array(data, dtype)}). A string column is {@code object} for the first
 * (values kept as sent) and {@code str} for the second. {@code base64} marks a binary column.
 * {@code convert} is false for composite types (array, object, map, any), which are left as sent.
 */
public record TypeHint(Optional<String> name, Dtype frameDtype, Dtype arrayDtype, boolean base64, boolean convert) {
    public TypeHint {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(frameDtype, "frameDtype");
        Objects.requireNonNull(arrayDtype, "arrayDtype");
    }
}
