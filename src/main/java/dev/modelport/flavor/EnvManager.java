package dev.modelport.flavor;

import dev.modelport.ModelportException;
import java.util.Arrays;
import java.util.Locale;

/** MLflow's {@code --env-manager}: where a flavor that runs Python finds the model's Python environment. */
public enum EnvManager {
    /** The Python Modelport runs with ({@code MODELPORT_PYTHON}, else {@code python3} on PATH), which must import mlflow. */
    LOCAL,
    /** A virtualenv built from the model's {@code python_env.yaml} and {@code requirements.txt}, cached by content. */
    VIRTUALENV,
    /** A conda environment built from the model's {@code conda.yaml}, cached by content. */
    CONDA;

    /** The option's value as MLflow spells it ({@code local}, {@code virtualenv}, {@code conda}). */
    public String optionValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static EnvManager parse(String value) {
        return Arrays.stream(values()).filter(m -> m.optionValue().equals(value.strip().toLowerCase(Locale.ROOT))).findFirst()
                .orElseThrow(() -> ModelportException.badInput("Unknown --env-manager '%s': use local, virtualenv or conda", value));
    }
}
