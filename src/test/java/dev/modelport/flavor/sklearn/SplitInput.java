package dev.modelport.flavor.sklearn;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modelport.data.BooleanColumn;
import dev.modelport.data.Column;
import dev.modelport.data.DoubleColumn;
import dev.modelport.data.Dtype;
import dev.modelport.data.Frame;
import dev.modelport.data.Input;
import dev.modelport.data.LongColumn;
import dev.modelport.data.ObjectColumn;
import dev.modelport.data.Tensor;
import dev.modelport.model.ColSpec;
import dev.modelport.model.ColumnSchema;
import dev.modelport.model.DataType;
import dev.modelport.model.Model;
import dev.modelport.model.TensorSchema;
import java.util.ArrayList;
import java.util.List;

/**
 * Test stand-in for the scoring core: builds the Frame/Tensor MLflow would hand the model from a
 * {@code dataframe_split} ({@code {"columns", "data"}}) or {@code inputs} (list of rows) JSON body,
 * in signature order and types, or as pandas infers them when there is no signature.
 */
final class SplitInput {
    private SplitInput() {
    }

    static Input of(JsonNode split, Model model) {
        if (split.has("inputs") || split.has("instances")) {
            JsonNode rows = split.has("inputs") ? split.get("inputs") : split.get("instances");
            return tensor(rows);
        }
        List<String> names = new ArrayList<>();
        split.get("columns").forEach(c -> names.add(c.asText()));
        JsonNode data = split.get("data");
        var signature = model.signature().map(s -> s.inputs()).orElse(null);
        if (signature instanceof TensorSchema) {
            return tensor(data);
        }
        List<String> outNames = new ArrayList<>();
        List<Column> columns = new ArrayList<>();
        if (signature instanceof ColumnSchema cols) {
            for (ColSpec spec : cols.columns()) {
                String name = spec.name().orElseThrow();
                int at = names.indexOf(name);
                if (at < 0) {
                    continue;
                }
                outNames.add(name);
                columns.add(column(data, at, (DataType) spec.type()));
            }
        } else {
            for (int j = 0; j < names.size(); j++) {
                outNames.add(names.get(j));
                columns.add(column(data, j, inferred(data, j)));
            }
        }
        return new Frame(outNames, columns, data.size());
    }

    private static DataType inferred(JsonNode data, int j) {
        boolean allInts = true;
        boolean allNumbers = true;
        boolean allBools = true;
        for (JsonNode row : data) {
            JsonNode v = row.get(j);
            allInts &= v.isIntegralNumber();
            allNumbers &= v.isNumber() || v.isNull();
            allBools &= v.isBoolean();
        }
        return allBools && !data.isEmpty() ? DataType.BOOLEAN : allInts && !data.isEmpty() ? DataType.LONG
                : allNumbers ? DataType.DOUBLE : DataType.STRING;
    }

    private static Column column(JsonNode data, int j, DataType type) {
        int n = data.size();
        return switch (type) {
            case DOUBLE, FLOAT -> {
                double[] v = new double[n];
                for (int i = 0; i < n; i++) {
                    JsonNode x = data.get(i).get(j);
                    v[i] = x.isNull() ? Double.NaN : x.isTextual() ? Double.parseDouble(x.asText()) : x.asDouble();
                }
                yield new DoubleColumn(v, Dtype.FLOAT64);
            }
            case LONG, INTEGER -> {
                long[] v = new long[n];
                for (int i = 0; i < n; i++) {
                    v[i] = data.get(i).get(j).asLong();
                }
                yield new LongColumn(v, Dtype.INT64);
            }
            case BOOLEAN -> {
                boolean[] v = new boolean[n];
                for (int i = 0; i < n; i++) {
                    v[i] = data.get(i).get(j).asBoolean();
                }
                yield new BooleanColumn(v);
            }
            default -> {
                Object[] v = new Object[n];
                for (int i = 0; i < n; i++) {
                    JsonNode x = data.get(i).get(j);
                    v[i] = x.isNull() ? null : x.isNumber() ? (Object) x.asDouble() : x.asText();
                }
                yield new ObjectColumn(v, Dtype.OBJECT);
            }
        };
    }

    private static Tensor tensor(JsonNode rows) {
        int n = rows.size();
        int k = n == 0 ? 0 : rows.get(0).size();
        double[] v = new double[n * k];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < k; j++) {
                JsonNode x = rows.get(i).get(j);
                v[i * k + j] = x.isNull() ? Double.NaN : x.asDouble();
            }
        }
        return new Tensor(new DoubleColumn(v, Dtype.FLOAT64), n, k);
    }
}
