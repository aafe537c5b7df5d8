package dev.modelport.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelport.python.PythonRepr;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Signatures are written as the JSON strings MLflow's Schema.to_json / ParamSchema.to_json produce. */
class SignatureJsonTest {

    @Test
    void columnsAreWrittenTypeNameRequired() {
        ColumnSchema schema = new ColumnSchema(List.of(ColSpec.of("x", DataType.DOUBLE),
                new ColSpec(Optional.empty(), DataType.STRING, false)));
        assertThat(SignatureJson.write(schema))
                .isEqualTo("[{\"type\": \"double\", \"name\": \"x\", \"required\": true}, {\"type\": \"string\", \"required\": false}]");
    }

    @Test
    void tensorsAreWrittenWithTensorSpec() {
        TensorSchema schema = new TensorSchema(List.of(new TensorSpec(Optional.empty(), "float64", List.of(-1, 3)),
                new TensorSpec(Optional.of("mask"), "bool", List.of(-1))));
        assertThat(SignatureJson.write(schema)).isEqualTo("[{\"type\": \"tensor\", \"tensor-spec\": {\"dtype\": \"float64\", \"shape\": [-1, 3]}}, "
                + "{\"name\": \"mask\", \"type\": \"tensor\", \"tensor-spec\": {\"dtype\": \"bool\", \"shape\": [-1]}}]");
    }

    @Test
    void paramsAreWrittenWithDefaultAndShape() {
        ParamSchema params = new ParamSchema(List.of(new ParamSpec("threshold", DataType.DOUBLE, 0.5, Optional.empty()),
                new ParamSpec("top_k", DataType.LONG, 3L, Optional.empty()),
                new ParamSpec("labels", DataType.STRING, List.of("neg", "pos"), Optional.of(List.of(-1)))));
        assertThat(SignatureJson.write(params)).isEqualTo("[{\"name\": \"threshold\", \"type\": \"double\", \"default\": 0.5, \"shape\": null}, "
                + "{\"name\": \"top_k\", \"type\": \"long\", \"default\": 3, \"shape\": null}, "
                + "{\"name\": \"labels\", \"type\": \"string\", \"default\": [\"neg\", \"pos\"], \"shape\": [-1]}]");
    }

    @Test
    void compositeTypesAreWrittenAsMlflowNestsThem() {
        ColType object = new ColType.ObjectType(List.of(new ColType.Property("b", DataType.LONG, false),
                new ColType.Property("a", new ColType.ArrayType(DataType.STRING), true)));
        ColumnSchema schema = new ColumnSchema(List.of(ColSpec.of("o", object),
                ColSpec.of("m", new ColType.MapType(DataType.DOUBLE)), ColSpec.of("any", new ColType.AnyType())));
        String json = SignatureJson.write(schema);
        assertThat(json).isEqualTo("[{\"type\": \"object\", \"properties\": {\"a\": {\"type\": \"array\", \"items\": {\"type\": \"string\"}, "
                + "\"required\": true}, \"b\": {\"type\": \"long\", \"required\": false}}, \"name\": \"o\", \"required\": true}, "
                + "{\"type\": \"map\", \"values\": {\"type\": \"double\"}, \"name\": \"m\", \"required\": true}, "
                + "{\"type\": \"any\", \"name\": \"any\", \"required\": true}]");
        Model parsed = Model.parse("flavors: {}\nsignature:\n  inputs: '" + json + "'\n", "MLmodel");
        ColumnSchema back = (ColumnSchema) parsed.signature().orElseThrow().inputs();
        assertThat(SignatureJson.write(back)).isEqualTo(json);
    }

    @Test
    void signatureDictHasNullsForAbsentParts() {
        ModelSignature signature = new ModelSignature(new ColumnSchema(List.of(ColSpec.of("x", DataType.LONG))), Optional.empty(), Optional.empty());
        Map<String, Object> dict = SignatureJson.toDict(signature);
        assertThat(dict).containsOnlyKeys("inputs", "outputs", "params")
                .containsEntry("inputs", "[{\"type\": \"long\", \"name\": \"x\", \"required\": true}]")
                .containsEntry("outputs", null).containsEntry("params", null);
    }

    @Test
    void nonAsciiNamesAreEscapedAsPythonDoes() {
        assertThat(SignatureJson.write(new ColumnSchema(List.of(ColSpec.of("größe \"cm\"", DataType.FLOAT)))))
                .isEqualTo("[{\"type\": \"float\", \"name\": \"gr\\u00f6\\u00dfe \\\"cm\\\"\", \"required\": true}]");
    }

    @ParameterizedTest
    @CsvSource({"0.5,0.5", "3.0,3.0", "1e-05,1e-05", "0.0001,0.0001", "1e16,1e+16", "1234567890123456.0,1234567890123456.0",
            "0.1,0.1", "-2.5e-300,-2.5e-300", "123.456,123.456", "1.7976931348623157e308,1.7976931348623157e+308",
            "0.30000000000000004,0.30000000000000004", "100.0,100.0", "-0.0,-0.0", "5e-324,5e-324"})
    void floatsAreWrittenAsPythonRepr(double value, String python) {
        assertThat(PythonRepr.floatRepr(value)).isEqualTo(python);
    }
}
