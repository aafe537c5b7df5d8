package dev.modelport.scoring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelport.data.Column;
import dev.modelport.data.DoubleColumn;
import dev.modelport.data.Frame;
import dev.modelport.data.Input;
import dev.modelport.data.LongColumn;
import dev.modelport.data.Output;
import dev.modelport.data.Params;
import dev.modelport.data.Tensor;
import dev.modelport.flavor.Flavor;
import dev.modelport.flavor.Predictor;
import dev.modelport.model.Model;
import dev.modelport.model.ModelDirectory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A test stand-in for the fixture {@code custom_flavor_loader}: its loader module
 * ({@code code/linear_loader.py}) reads {@code data/linear_model/linear.json} and predicts
 * {@code model_input[columns].to_numpy(float64) @ coef + intercept}. This does the same in Java,
 * from the same file, so the scoring path can be replayed against a real model directory while
 * the Python fallback flavor does not exist yet.
 */
final class LinearLoaderFlavor implements Flavor {
    @Override
    public String name() {
        return "python_function";
    }

    @Override
    public boolean canLoad(Model mlmodel) {
        return mlmodel.flavor("python_function").map(f -> "linear_loader".equals(f.get("loader_module"))).orElse(false);
    }

    @Override
    public Predictor load(ModelDirectory dir, Model mlmodel) {
        Map<String, Object> flavor = mlmodel.flavor("python_function").orElseThrow();
        try {
            JsonNode spec = new ObjectMapper().readTree(dir.resolve(flavor.get("data") + "/linear.json").toFile());
            double intercept = spec.get("intercept").asDouble();
            List<String> columns = new ArrayList<>();
            List<Double> coef = new ArrayList<>();
            spec.get("coef").fields().forEachRemaining(e -> {
                columns.add(e.getKey());
                coef.add(e.getValue().asDouble());
            });
            return (Input input, Params params) -> predict(input, intercept, columns, coef);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Output predict(Input input, double intercept, List<String> columns, List<Double> coef) {
        if (!(input instanceof Frame frame)) {
            throw new IllegalArgumentException("'" + input.getClass().getSimpleName() + "' object is not subscriptable");
        }
        double[] out = new double[frame.rows()];
        java.util.Arrays.fill(out, 0);
        for (int j = 0; j < columns.size(); j++) {
            String name = columns.get(j);
            Column c = frame.column(name).orElseThrow(() -> new IllegalArgumentException("KeyError: \"['" + name + "'] not in index\""));
            for (int i = 0; i < out.length; i++) {
                out[i] += value(c, i) * coef.get(j);
            }
        }
        for (int i = 0; i < out.length; i++) {
            out[i] += intercept;
        }
        return Tensor.vector(DoubleColumn.of(out));
    }

    private static double value(Column c, int i) {
        return switch (c) {
            case DoubleColumn d -> d.values()[i];
            case LongColumn l -> l.values()[i];
            default -> {
                Object v = c.get(i);
                if (v == null) {
                    yield Double.NaN;
                }
                if (v instanceof Number n) {
                    yield n.doubleValue();
                }
                throw new IllegalArgumentException("could not convert string to float: '" + v + "'");
            }
        };
    }
}
