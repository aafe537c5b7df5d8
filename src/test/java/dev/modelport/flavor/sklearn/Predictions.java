package dev.modelport.flavor.sklearn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modelport.data.BooleanColumn;
import dev.modelport.data.Column;
import dev.modelport.data.DoubleColumn;
import dev.modelport.data.LongColumn;
import dev.modelport.data.ObjectColumn;
import dev.modelport.data.Output;
import dev.modelport.data.Tensor;

/** Compares a predicted tensor with scikit-learn's JSON predictions: labels exactly, numbers to a relative tolerance. */
final class Predictions {
    private Predictions() {
    }

    static void assertMatches(Output output, JsonNode expected, double relTol, String what) {
        assertThat(output).as(what).isInstanceOf(Tensor.class);
        Tensor t = (Tensor) output;
        int n = expected.size();
        boolean matrix = n > 0 && expected.get(0).isArray();
        int k = matrix ? expected.get(0).size() : 1;
        assertThat(t.shape()).as(what + " shape").containsExactly(matrix ? new int[] {n, k} : new int[] {n});
        Column c = t.values();
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < k; j++) {
                JsonNode e = matrix ? expected.get(i).get(j) : expected.get(i);
                int at = i * k + j;
                String where = what + " [" + i + (matrix ? "," + j : "") + "]";
                switch (c) {
                    case DoubleColumn d -> {
                        double actual = d.values()[at];
                        double exp = e.asDouble();
                        if (Math.abs(actual - exp) > relTol * Math.max(Math.abs(exp), 1e-300) && actual != exp) {
                            fail(where + ": expected " + exp + " but got " + actual);
                        }
                    }
                    case LongColumn l -> assertThat(l.values()[at]).as(where).isEqualTo(e.asLong());
                    case BooleanColumn b -> assertThat(b.values()[at]).as(where).isEqualTo(e.asBoolean());
                    case ObjectColumn o -> assertThat(String.valueOf(o.values()[at])).as(where).isEqualTo(e.asText());
                }
                if (c instanceof LongColumn) {
                    assertThat(e.isIntegralNumber()).as(where + " is an integer label").isTrue();
                }
            }
        }
    }
}
