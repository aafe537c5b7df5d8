package dev.modelport.flavor.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modelport.ErrorCode;
import dev.modelport.ModelportException;
import dev.modelport.data.BooleanColumn;
import dev.modelport.data.Column;
import dev.modelport.data.DoubleColumn;
import dev.modelport.data.Dtype;
import dev.modelport.data.Frame;
import dev.modelport.data.Input;
import dev.modelport.data.LongColumn;
import dev.modelport.data.ObjectColumn;
import dev.modelport.data.Output;
import dev.modelport.data.Params;
import dev.modelport.data.Tensor;
import dev.modelport.data.TensorMap;
import dev.modelport.flavor.Flavors;
import dev.modelport.flavor.Predictor;
import dev.modelport.model.Model;
import dev.modelport.model.ModelDirectory;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.DoubleAccumulator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every generated model loaded through {@link Flavors#installed()} (so by the onnx flavor, first in
 * preference) and handed the inputs MLflow's {@code _OnnxModelWrapper.predict} was handed, dtypes
 * and all: the output must be the same kind (DataFrame or dict of arrays), with the same names,
 * dtypes, shapes and values. Values are compared within float32 precision, relative 1e-5 plus
 * absolute 1e-6: ONNX Runtime and the generator's numpy kernels (or torch's forward pass, for the
 * {@code torch_*} models) all compute in float32 but may order their sums differently; the largest
 * difference per model is printed. Where MLflow raised, the predictor must raise: an MlflowException
 * as a ModelportException with MLflow's code and message, pandas' errors with pandas' message,
 * ONNX Runtime's with ONNX Runtime's.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OnnxPredictionsTest {
    private static final double REL = 1e-5;
    private static final double ABS = 1e-6;

    private final Map<String, Predictor> predictors = new ConcurrentHashMap<>();
    private final Map<String, DoubleAccumulator> largestDifference = new ConcurrentHashMap<>();

    Predictor predictor(String name) {
        return predictors.computeIfAbsent(name, n -> {
            ModelDirectory dir = ModelDirectory.open(OnnxTestModels.modelDir(n));
            return Flavors.installed().load(dir, Model.load(dir.root()));
        });
    }

    Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (String model : OnnxTestModels.names()) {
            for (JsonNode c : OnnxTestModels.predictions(model).get("cases")) {
                out.add(Arguments.of(model + "/" + c.get("name").asText(), model, c));
            }
        }
        return out.stream();
    }

    @Test
    void loadsEveryGeneratedModelWithTheOnnxFlavor() {
        for (String model : OnnxTestModels.names()) {
            assertThat(predictor(model)).as(model).isInstanceOf(OnnxPredictor.class);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void predictsAsMlflowsOnnxWrapper(String label, String model, JsonNode c) {
        Input input = input(c.get("input"));
        if (c.has("error")) {
            Throwable thrown = catchThrowable(() -> predictor(model).predict(input, Params.NONE));
            assertThat(thrown).as("MLflow raised %s", c.get("error")).isNotNull();
            String type = c.get("error").get("type").asText();
            String message = c.get("error").get("message").asText();
            switch (type) {
                case "MlflowException" -> {
                    assertThat(thrown).isInstanceOf(ModelportException.class).hasMessage(message);
                    assertThat(((ModelportException) thrown).code()).isEqualTo(ErrorCode.INTERNAL_ERROR);
                }
                case "KeyError", "ValueError" -> assertThat(thrown).isNotInstanceOf(ModelportException.class).hasMessageContaining(message);
                case "InvalidArgument" -> assertThat(thrown).isNotInstanceOf(ModelportException.class)
                        .hasMessageContaining(message.substring(message.indexOf("INVALID_ARGUMENT : ") + "INVALID_ARGUMENT : ".length()));
                default -> throw new AssertionError("unexpected recorded error type " + type);
            }
            return;
        }
        Output output = predictor(model).predict(input, Params.NONE);
        JsonNode expect = c.get("expect");
        switch (expect.get("kind").asText()) {
            case "frame" -> {
                assertThat(output).isInstanceOf(Frame.class);
                Frame frame = (Frame) output;
                assertThat(frame.names()).containsExactlyElementsOf(strings(expect.get("columns")));
                for (int j = 0; j < frame.width(); j++) {
                    String what = "column " + frame.names().get(j);
                    assertThat(frame.columns().get(j).dtype().numpyName()).as(what).isEqualTo(expect.get("dtypes").get(j).asText());
                    assertValues(model, what, frame.columns().get(j), expect.get("data").get(j));
                }
            }
            case "dict" -> {
                assertThat(output).isInstanceOf(TensorMap.class);
                Map<String, Tensor> tensors = ((TensorMap) output).tensors();
                assertThat(tensors.keySet()).containsExactlyElementsOf(strings(expect.get("tensors").fieldNames()));
                for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
                    JsonNode want = expect.get("tensors").get(e.getKey());
                    assertThat(e.getValue().dtype().numpyName()).as(e.getKey()).isEqualTo(want.get("dtype").asText());
                    assertThat(e.getValue().shape()).as(e.getKey()).containsExactly(ints(want.get("shape")));
                    assertValues(model, e.getKey(), e.getValue().values(), want.get("values"));
                }
            }
            default -> throw new AssertionError(expect);
        }
    }

    @Test
    void predictsTheSameFromManyThreads() throws Exception {
        Predictor p = predictor("mlp_softmax");
        JsonNode c = OnnxTestModels.predictions("mlp_softmax").get("cases").get(0);
        Input input = input(c.get("input"));
        Output expected = p.predict(input, Params.NONE);
        List<Thread> threads = new ArrayList<>();
        List<Output> outputs = Collections.synchronizedList(new ArrayList<>());
        for (int t = 0; t < 4; t++) {
            threads.add(Thread.ofPlatform().start(() -> {
                for (int i = 0; i < 50; i++) {
                    outputs.add(p.predict(input, Params.NONE));
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        assertThat(outputs).hasSize(200).allSatisfy(o -> assertThat(o).usingRecursiveComparison().isEqualTo(expected));
    }

    @Test
    void closedPredictorRefusesToPredictAndClosesOnce() {
        ModelDirectory dir = ModelDirectory.open(OnnxTestModels.modelDir("linear_regressor"));
        Predictor p = Flavors.installed().load(dir, Model.load(dir.root()));
        Input input = new Tensor(DoubleColumn.of(1, 2, 3, 4), 1, 4);
        assertThat(p.predict(input, Params.NONE)).isInstanceOf(TensorMap.class);
        p.close();
        p.close();
        assertThatThrownBy(() -> p.predict(input, Params.NONE)).isInstanceOf(IllegalStateException.class);
    }

    @AfterAll
    void closePredictors() {
        predictors.values().forEach(Predictor::close);
        new TreeMap<>(largestDifference).forEach((model, d) -> System.out.printf("OnnxPredictionsTest %s: largest difference %.3g%n", model, d.get()));
    }

    // ---- reading predict.json

    static Input input(JsonNode in) {
        return switch (in.get("kind").asText()) {
            case "frame" -> {
                List<String> names = strings(in.get("columns"));
                List<Column> columns = new ArrayList<>();
                for (int j = 0; j < names.size(); j++) {
                    columns.add(column(in.get("dtypes").get(j).asText(), in.get("data").get(j)));
                }
                yield Frame.of(names, columns);
            }
            case "tensor" -> tensor(in);
            case "dict" -> {
                Map<String, Tensor> tensors = new LinkedHashMap<>();
                in.get("tensors").fields().forEachRemaining(e -> tensors.put(e.getKey(), tensor(e.getValue())));
                yield new TensorMap(tensors);
            }
            default -> throw new IllegalArgumentException(in.toString());
        };
    }

    private static Tensor tensor(JsonNode t) {
        return new Tensor(column(t.get("dtype").asText(), t.get("values")), ints(t.get("shape")));
    }

    private static Column column(String dtype, JsonNode values) {
        int n = values.size();
        if (dtype.startsWith("<U")) {
            Object[] out = new Object[n];
            for (int i = 0; i < n; i++) {
                out[i] = values.get(i).asText();
            }
            return new ObjectColumn(out, Dtype.STR);
        }
        return switch (dtype) {
            case "float64", "float32" -> {
                double[] out = new double[n];
                for (int i = 0; i < n; i++) {
                    out[i] = values.get(i).isNull() ? Double.NaN : values.get(i).asDouble();
                }
                yield new DoubleColumn(out, Dtype.fromNumpyName(dtype).orElseThrow());
            }
            case "int64" -> {
                long[] out = new long[n];
                for (int i = 0; i < n; i++) {
                    out[i] = values.get(i).asLong();
                }
                yield new LongColumn(out, Dtype.INT64);
            }
            case "bool" -> {
                boolean[] out = new boolean[n];
                for (int i = 0; i < n; i++) {
                    out[i] = values.get(i).asBoolean();
                }
                yield new BooleanColumn(out);
            }
            case "object" -> {
                Object[] out = new Object[n];
                for (int i = 0; i < n; i++) {
                    JsonNode v = values.get(i);
                    out[i] = v.isNull() ? null : v.isTextual() ? v.asText() : v.isIntegralNumber() ? (Object) v.asLong() : v.asDouble();
                }
                yield new ObjectColumn(out, Dtype.OBJECT);
            }
            default -> throw new IllegalArgumentException("dtype " + dtype);
        };
    }

    // ---- comparing

    private void assertValues(String model, String what, Column got, JsonNode want) {
        assertThat(got.size()).as(what + " size").isEqualTo(want.size());
        for (int i = 0; i < want.size(); i++) {
            assertValue(model, what + "[" + i + "]", got.get(i), want.get(i));
        }
    }

    private void assertValue(String model, String what, Object got, JsonNode want) {
        if (want.isObject()) {
            assertThat(got).as(what).isInstanceOf(Map.class);
            Map<?, ?> map = (Map<?, ?>) got;
            assertThat(map.keySet().stream().map(String::valueOf).toList()).as(what + " keys").containsExactlyElementsOf(strings(want.fieldNames()));
            map.forEach((k, v) -> assertValue(model, what + "." + k, v, want.get(String.valueOf(k))));
        } else if (want.isNull()) {
            assertThat((Double) got).as(what).isNaN();
        } else if (want.isIntegralNumber()) {
            assertThat(got).as(what).isEqualTo(want.asLong());
        } else if (want.isNumber()) {
            double e = want.asDouble();
            double g = ((Number) got).doubleValue();
            largestDifference.computeIfAbsent(model, m -> new DoubleAccumulator(Math::max, 0)).accumulate(Math.abs(e - g));
            assertThat(Math.abs(e - g)).as("%s: expected %s, got %s", what, e, g).isLessThanOrEqualTo(REL * Math.max(Math.abs(e), Math.abs(g)) + ABS);
        } else if (want.isBoolean()) {
            assertThat(got).as(what).isEqualTo(want.asBoolean());
        } else {
            assertThat(got).as(what).isEqualTo(want.asText());
        }
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static List<String> strings(Iterator<String> names) {
        List<String> out = new ArrayList<>();
        names.forEachRemaining(out::add);
        return out;
    }

    private static int[] ints(JsonNode array) {
        int[] out = new int[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asInt();
        }
        return out;
    }
}
