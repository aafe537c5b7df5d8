package dev.modelport.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelport.ErrorCode;
import dev.modelport.ModelportException;
import dev.modelport.data.Column;
import dev.modelport.data.DoubleColumn;
import dev.modelport.data.Dtype;
import dev.modelport.data.Frame;
import dev.modelport.data.Input;
import dev.modelport.data.LongColumn;
import dev.modelport.data.ObjectColumn;
import dev.modelport.data.Tensor;
import dev.modelport.data.TensorMap;
import dev.modelport.data.codec.JsonRequestCodec;
import dev.modelport.data.codec.ScoringProtocol;
import dev.modelport.data.parallel.SpareCores;
import dev.modelport.model.ColSpec;
import dev.modelport.model.ColumnSchema;
import dev.modelport.model.DataType;
import dev.modelport.model.Schema;
import dev.modelport.model.TensorSchema;
import dev.modelport.model.TensorSpec;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;

/**
 * MLflow's schema rules applied to decoded requests: what the scoring server's parse with the
 * signature ({@code infer_and_parse_data(data, schema)}) and {@code _enforce_schema} answer in MLflow
 * 2.12 for the same bodies. Lenient conversions happen while decoding (a failure there is a
 * BAD_REQUEST "Invalid input..."); rule failures are INVALID_PARAMETER_VALUE "Failed to enforce schema".
 */
class SchemaEnforcerTest {
    private static final ColumnSchema ABC = new ColumnSchema(List.of(ColSpec.of("a", DataType.DOUBLE), ColSpec.of("b", DataType.LONG),
            new ColSpec(Optional.of("c"), DataType.STRING, false)));

    /** Decodes {@code body} with the schema's hints, as the server does, then enforces the schema. */
    private static Input enforce(Schema schema, String body) {
        Input decoded = new JsonRequestCodec(Optional.of(DecodeHints.of(schema)), ScoringProtocol.MLFLOW_2, SpareCores.none())
                .decode(body.getBytes(StandardCharsets.UTF_8)).input();
        return new SchemaEnforcer(schema).enforce(decoded);
    }

    private static Frame frame(Input input) {
        assertThat(input).isInstanceOf(Frame.class);
        return (Frame) input;
    }

    private static List<String> dtypes(Frame f) {
        return f.columns().stream().map(c -> c.dtype().numpyName()).toList();
    }

    private static List<Object> row(Frame f, int r) {
        List<Object> row = new ArrayList<>();
        for (Column c : f.columns()) {
            row.add(c.get(r));
        }
        return row;
    }

    private static AbstractThrowableAssert<?, ? extends Throwable> assertRefused(Runnable run, ErrorCode code) {
        return assertThatThrownBy(run::run).isInstanceOf(ModelportException.class)
                .satisfies(e -> assertThat(((ModelportException) e).code()).isEqualTo(code));
    }

    private static AbstractThrowableAssert<?, ? extends Throwable> assertSchemaRefused(Runnable run) {
        return assertRefused(run, ErrorCode.INVALID_PARAMETER_VALUE).hasMessageStartingWith("Failed to predict data '")
                .hasMessageContaining("Error: Failed to enforce schema of data '");
    }

    @Test
    void reordersColumnsByName() {
        Frame f = frame(enforce(ABC, "{\"dataframe_split\": {\"columns\": [\"b\", \"a\"], \"data\": [[1, 2.5]]}}"));
        assertThat(f.names()).containsExactly("a", "b");
        assertThat(row(f, 0)).containsExactly(2.5, 1L);
    }

    @Test
    void dropsColumnsTheSignatureDoesNotName() {
        Frame f = frame(enforce(ABC, "{\"dataframe_split\": {\"columns\": [\"a\", \"b\", \"z\"], \"data\": [[1.5, 2, 3]]}}"));
        assertThat(f.names()).containsExactly("a", "b");
    }

    @Test
    void acceptsAnAbsentOptionalColumn() {
        Frame f = frame(enforce(ABC, "{\"dataframe_records\": [{\"a\": 1.5, \"b\": 2}]}"));
        assertThat(f.names()).containsExactly("a", "b");
        assertThat(dtypes(f)).containsExactly("float64", "int64");
    }

    @Test
    void keepsAPresentOptionalColumn() {
        Frame f = frame(enforce(ABC, "{\"dataframe_records\": [{\"c\": \"x\", \"a\": 1.5, \"b\": 2}]}"));
        assertThat(f.names()).containsExactly("a", "b", "c");
        assertThat(row(f, 0)).containsExactly(1.5, 2L, "x");
    }

    @Test
    void refusesAMissingRequiredColumnNamingIt() {
        assertSchemaRefused(() -> enforce(ABC, "{\"dataframe_records\": [{\"a\": 1.5}]}")).hasMessageEndingWith("Error: Model is missing inputs ['b'].");
        assertSchemaRefused(() -> enforce(ABC, "{\"dataframe_records\": [{\"c\": \"x\"}]}"))
                .hasMessageEndingWith("Error: Model is missing inputs ['a', 'b'].");
    }

    @Test
    void truncatesAFloatSentForALongColumn() {
        Frame f = frame(enforce(ABC, "{\"dataframe_records\": [{\"a\": 1.5, \"b\": 2.5}]}"));
        assertThat(dtypes(f)).containsExactly("float64", "int64");
        assertThat(row(f, 0)).containsExactly(1.5, 2L);
    }

    @Test
    void parsesANumericStringSentForADoubleColumn() {
        assertThat(row(frame(enforce(ABC, "{\"dataframe_records\": [{\"a\": \"1.5\", \"b\": 2}]}")), 0)).containsExactly(1.5, 2L);
    }

    @Test
    void keepsANumberSentForAStringColumnAsSent() {
        Frame f = frame(enforce(ABC, "{\"dataframe_records\": [{\"a\": 1.5, \"b\": 2, \"c\": 7}]}"));
        assertThat(dtypes(f)).containsExactly("float64", "int64", "object");
        assertThat(row(f, 0)).containsExactly(1.5, 2L, 7L);
    }

    @Test
    void readsTruthyValuesForABooleanColumnAsPythonsBool() {
        ColumnSchema flag = new ColumnSchema(List.of(ColSpec.of("f", DataType.BOOLEAN)));
        for (String value : List.of("\"yes\"", "1")) {
            Frame f = frame(enforce(flag, "{\"dataframe_records\": [{\"f\": " + value + "}]}"));
            assertThat(dtypes(f)).containsExactly("bool");
            assertThat(row(f, 0)).as(value).containsExactly(true);
        }
        for (String value : List.of("\"\"", "null")) {
            assertThat(row(frame(enforce(flag, "{\"dataframe_records\": [{\"f\": " + value + "}]}")), 0)).as(value).containsExactly(false);
        }
    }

    @Test
    void castsToInt32AndFloat32AsNumpyDoes() {
        ColumnSchema narrow = new ColumnSchema(List.of(ColSpec.of("i", DataType.INTEGER), ColSpec.of("f", DataType.FLOAT)));
        Frame f = frame(enforce(narrow, "{\"dataframe_records\": [{\"i\": 3000000000, \"f\": 0.1}]}"));
        assertThat(dtypes(f)).containsExactly("int32", "float32");
        assertThat(((Number) row(f, 0).get(0)).longValue()).isEqualTo(-1294967296L); // wraps around as astype('int32')
        assertThat(((Number) row(f, 0).get(1)).doubleValue()).isEqualTo((double) 0.1f);
    }

    @Test
    void refusesAnUnconvertibleValueAsABadRequestWhileDecoding() {
        assertRefused(() -> enforce(ABC, "{\"dataframe_records\": [{\"a\": \"abc\", \"b\": 2}]}"), ErrorCode.BAD_REQUEST)
                .hasMessage("Invalid input. Data is not compatible with model signature. Failed to convert column a to type 'float64'. "
                        + "Error: 'ValueError(\"could not convert string to float: 'abc'\")'");
        assertRefused(() -> enforce(ABC, "{\"dataframe_records\": [{\"a\": 1.5, \"b\": \"x\"}]}"), ErrorCode.BAD_REQUEST)
                .hasMessage("Invalid input. Data is not compatible with model signature. Failed to convert column b to type 'int64'. "
                        + "Error: 'ValueError(\"invalid literal for int() with base 10: 'x'\")'");
    }

    @Test
    void refusesNullInALongColumnWhileDecoding() {
        assertRefused(() -> enforce(ABC, "{\"dataframe_records\": [{\"a\": 1.5, \"b\": null}]}"), ErrorCode.BAD_REQUEST)
                .hasMessageStartingWith("Invalid input. Data is not compatible with model signature. Failed to convert column b to type 'int64'.");
    }

    @Test
    void refusesAColumnThatCannotBeSafelyConverted() {
        Frame sent = Frame.of(List.of("a", "b"), List.of(DoubleColumn.of(1.5), DoubleColumn.of(2.5)));
        assertSchemaRefused(() -> new SchemaEnforcer(ABC).enforce(sent))
                .hasMessageEndingWith("Error: Incompatible input types for column b. Can not safely convert float64 to int64.");
    }

    @Test
    void hintsAtMissingValuesWhenIntegersArriveAsFloatsWithNaN() {
        Frame sent = Frame.of(List.of("a", "b"), List.of(DoubleColumn.of(1.5, 2.5), DoubleColumn.of(1.0, Double.NaN)));
        assertSchemaRefused(() -> new SchemaEnforcer(ABC).enforce(sent))
                .hasMessageContaining("Can not safely convert float64 to int64. Hint: the type mismatch is likely caused by missing values.");
    }

    @Test
    void upcastsOnlyIntegersThatFitTheMantissaToDouble() {
        Frame int32 = Frame.of(List.of("a", "b"), List.of(new LongColumn(new long[] {3}, Dtype.INT32), LongColumn.of(2)));
        Frame f = frame(new SchemaEnforcer(ABC).enforce(int32));
        assertThat(dtypes(f)).containsExactly("float64", "int64");
        assertThat(row(f, 0)).containsExactly(3.0, 2L);
        Frame int64 = Frame.of(List.of("a", "b"), List.of(LongColumn.of(3), LongColumn.of(2)));
        assertSchemaRefused(() -> new SchemaEnforcer(ABC).enforce(int64))
                .hasMessageEndingWith("Error: Incompatible input types for column a. Can not safely convert int64 to float64.");
    }

    @Test
    void matchesAnUnnamedSignatureByPosition() {
        ColumnSchema unnamed = new ColumnSchema(List.of(new ColSpec(Optional.empty(), DataType.DOUBLE, true),
                new ColSpec(Optional.empty(), DataType.LONG, true)));
        Frame f = frame(enforce(unnamed, "{\"dataframe_split\": {\"columns\": [\"x\", \"y\", \"z\"], \"data\": [[1, 2, 3]]}}"));
        assertThat(f.names()).containsExactly("x", "y");
        assertThat(dtypes(f)).containsExactly("float64", "int64");
        assertSchemaRefused(() -> enforce(unnamed, "{\"dataframe_split\": {\"columns\": [\"x\"], \"data\": [[1]]}}"))
                .hasMessageEndingWith("Error: Model inference is missing inputs. The model signature declares 2 inputs  but the provided value"
                        + " only has 1 inputs. Note: the inputs were not named in the signature so we can only verify their count.");
    }

    // ---- tensor signatures

    private static final TensorSchema FLOAT32_PAIRS = new TensorSchema(List.of(new TensorSpec(Optional.empty(), "float32", List.of(-1, 2))));

    @Test
    void castsTensorInputsToTheSpecDtypeWhileDecoding() {
        Tensor t = (Tensor) enforce(FLOAT32_PAIRS, "{\"inputs\": [[1, 2]]}");
        assertThat(t.dtype()).isEqualTo(Dtype.FLOAT32);
        assertThat(t.shape()).containsExactly(1, 2);
    }

    @Test
    void refusesATensorOfTheWrongShape() {
        assertSchemaRefused(() -> enforce(FLOAT32_PAIRS, "{\"inputs\": [[1.0, 2.0, 3.0]]}"))
                .hasMessageEndingWith("Error: Shape of input (1, 3) does not match expected shape (-1, 2).");
    }

    @Test
    void refusesATensorOfTheWrongDtype() {
        Tensor sent = new Tensor(LongColumn.of(1, 2), 1, 2);
        assertSchemaRefused(() -> new SchemaEnforcer(FLOAT32_PAIRS).enforce(sent))
                .hasMessageEndingWith("Error: dtype of input int64 does not match expected dtype float32");
        Tensor doubles = new Tensor(DoubleColumn.of(1.5), 1);
        TensorSchema longs = new TensorSchema(List.of(new TensorSpec(Optional.empty(), "int64", List.of(-1))));
        assertSchemaRefused(() -> new SchemaEnforcer(longs).enforce(doubles))
                .hasMessageEndingWith("Error: dtype of input float64 does not match expected dtype int64");
    }

    @Test
    void refusesStringsForAFloatTensorWhileDecoding() {
        assertRefused(() -> enforce(FLOAT32_PAIRS, "{\"inputs\": [[\"a\", \"b\"]]}"), ErrorCode.BAD_REQUEST)
                .hasMessage("Invalid input. could not convert string to float: 'a'");
    }

    @Test
    void matchesNamedTensorsByNameAndRefusesAMissingOne() {
        TensorSchema named = new TensorSchema(List.of(new TensorSpec(Optional.of("x"), "float64", List.of(-1, 2)),
                new TensorSpec(Optional.of("y"), "int64", List.of(-1))));
        TensorMap m = (TensorMap) enforce(named, "{\"inputs\": {\"y\": [1], \"x\": [[1.5, 2.5]]}}");
        assertThat(m.tensors().keySet()).containsExactlyInAnyOrder("x", "y");
        assertThat(m.tensors().get("x").shape()).containsExactly(1, 2);
        assertSchemaRefused(() -> enforce(named, "{\"inputs\": {\"x\": [[1.5, 2.5]]}}")).hasMessageEndingWith("Error: Model is missing inputs ['y'].");
    }

    @Test
    void turnsADataFrameIntoTheSingleTensorOfATensorSignature() {
        TensorSchema doubles = new TensorSchema(List.of(new TensorSpec(Optional.empty(), "float64", List.of(-1, 2))));
        Tensor t = (Tensor) enforce(doubles, "{\"dataframe_split\": {\"columns\": [\"a\", \"b\"], \"data\": [[1.5, 2.5]]}}");
        assertThat(t.shape()).containsExactly(1, 2);
        assertThat(t.values().get(1)).isEqualTo(2.5);
    }

    @Test
    void passesObjectColumnsOnForAStringColumn() {
        Frame sent = Frame.of(List.of("a", "b", "c"), List.of(DoubleColumn.of(1.5), LongColumn.of(2), ObjectColumn.of((Object) null)));
        assertThat(row(frame(new SchemaEnforcer(ABC).enforce(sent)), 0)).containsExactly(1.5, 2L, null);
    }
}
