package dev.modelport.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelport.ErrorCode;
import dev.modelport.ModelportException;
import dev.modelport.data.Params;
import dev.modelport.model.DataType;
import dev.modelport.model.ParamSchema;
import dev.modelport.model.ParamSpec;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;

/** MLflow 2.12's {@code _enforce_params_schema}, case by case (expected values and messages from MLflow itself). */
class ParamsEnforcerTest {
    private static final ParamsEnforcer ENFORCER = new ParamsEnforcer(Optional.of(new ParamSchema(List.of(
            new ParamSpec("temperature", DataType.DOUBLE, 0.5, Optional.empty()),
            new ParamSpec("top_k", DataType.LONG, 3L, Optional.empty()),
            new ParamSpec("stop", DataType.STRING, List.of("a"), Optional.of(List.of(-1))),
            new ParamSpec("greedy", DataType.BOOLEAN, false, Optional.empty()),
            new ParamSpec("name", DataType.STRING, "x", Optional.empty()),
            new ParamSpec("f", DataType.FLOAT, 1.5, Optional.empty()),
            new ParamSpec("ks", DataType.LONG, List.of(1L, 2L), Optional.of(List.of(-1))),
            new ParamSpec("ds", DataType.DOUBLE, List.of(1.0), Optional.of(List.of(-1)))))));

    private static Map<String, Object> enforce(Map<String, ?> sent) {
        return ENFORCER.enforce(sent, () -> "data").values();
    }

    private static Map<String, Object> sent(Object... keyValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put((String) keyValues[i], keyValues[i + 1]);
        }
        return map;
    }

    private static AbstractThrowableAssert<?, ? extends Throwable> assertInvalid(Map<String, ?> sent, String name, String error) {
        return assertThatThrownBy(() -> enforce(sent)).isInstanceOf(ModelportException.class)
                .satisfies(e -> assertThat(((ModelportException) e).code()).isEqualTo(ErrorCode.INVALID_PARAMETER_VALUE))
                .hasMessage("Failed to predict data 'data'. \nError: Invalid parameters found: {('" + name + "', \"" + error + "\")}");
    }

    @Test
    void fillsEveryDefaultWhenNoParamsAreSent() {
        Map<String, Object> defaults = ENFORCER.enforce(null, () -> "data").values();
        assertThat(defaults).containsEntry("temperature", 0.5).containsEntry("top_k", 3L).containsEntry("stop", List.of("a"))
                .containsEntry("greedy", false).containsEntry("name", "x").containsEntry("f", 1.5).hasSize(8);
        assertThat(enforce(Map.of())).isEqualTo(defaults);
    }

    @Test
    void dropsUnknownParamsAndDefaultsTheRest() {
        Map<String, Object> p = enforce(sent("zzz", 1L, "top_k", 5L));
        assertThat(p).doesNotContainKey("zzz").containsEntry("top_k", 5L).containsEntry("temperature", 0.5);
    }

    @Test
    void widensAnIntegerSentForADoubleOrFloat() {
        assertThat(enforce(sent("temperature", 1L))).containsEntry("temperature", 1.0);
        assertThat(enforce(sent("f", 2L))).containsEntry("f", 2.0);
        assertThat(enforce(sent("ds", List.of(5L, 6L)))).containsEntry("ds", List.of(5.0, 6.0));
    }

    @Test
    void refusesAFloatStringOrBoolForALong() {
        String spec = "Incompatible types for param 'top_k': long (default: 3) with shape None. Can not safely convert ";
        assertInvalid(sent("top_k", 2.5), "top_k", spec + "float to DataType.long.");
        assertInvalid(sent("top_k", "5"), "top_k", spec + "str to DataType.long.");
        assertInvalid(sent("top_k", true), "top_k", spec + "bool to DataType.long.");
    }

    @Test
    void refusesAnIntegerForAStringOrBoolean() {
        assertInvalid(sent("name", 7L), "name",
                "Incompatible types for param 'name': string (default: x) with shape None. Can not safely convert int to DataType.string.");
        assertInvalid(sent("greedy", 1L), "greedy",
                "Incompatible types for param 'greedy': boolean (default: False) with shape None. Can not safely convert int to DataType.boolean.");
        assertInvalid(sent("greedy", "yes"), "greedy",
                "Incompatible types for param 'greedy': boolean (default: False) with shape None. Can not safely convert str to DataType.boolean.");
    }

    @Test
    void acceptsAListForAOneDimensionalParam() {
        assertThat(enforce(sent("stop", List.of("x", "y")))).containsEntry("stop", List.of("x", "y"));
        assertThat(enforce(sent("ks", List.of()))).containsEntry("ks", List.of());
    }

    @Test
    void refusesAScalarOrANestedListForAOneDimensionalParam() {
        assertInvalid(sent("stop", "x"), "stop",
                "Value must be a 1D array with shape (-1,) for param 'stop': string (default: ['a']) (shape: (-1,)), received str with ndim 0");
        assertInvalid(sent("stop", List.of(List.of("x"))), "stop",
                "Value must be a 1D array with shape (-1,) for param 'stop': string (default: ['a']) (shape: (-1,)), received list with ndim 2");
    }

    @Test
    void refusesAListForAScalarParam() {
        assertInvalid(sent("top_k", List.of(1L, 2L)), "top_k", "Value should be a scalar for param 'top_k': long (default: 3) with shape None, got [1, 2]");
    }

    @Test
    void refusesAListItemOfTheWrongType() {
        assertInvalid(sent("stop", List.of("x", 1L)), "stop", "Incompatible types for param 'stop': string (default: ['a']) (shape: (-1,))"
                + " internal values. Can not safely convert int to DataType.string.");
        assertInvalid(sent("ks", List.of(5L, 6.5)), "ks", "Incompatible types for param 'ks': long (default: [1, 2]) (shape: (-1,))"
                + " internal values. Can not safely convert float to DataType.long.");
    }

    @Test
    void acceptsNullAsMlflowDoes() {
        assertThat(enforce(sent("top_k", null))).containsEntry("top_k", null);
    }

    @Test
    void refusesParamsThatAreNotADictionary() {
        assertThatThrownBy(() -> ENFORCER.enforce(Arrays.asList(1L), () -> "data")).isInstanceOf(ModelportException.class)
                .hasMessageContaining("Parameters must be a dictionary. Got type 'list'.");
    }

    @Test
    void ignoresParamsWhenTheSignatureHasNoParamsSchema() {
        ParamsEnforcer none = new ParamsEnforcer(Optional.empty());
        assertThat(none.enforce(Map.of("a", 1L), () -> "data")).isEqualTo(Params.NONE);
        assertThat(none.enforce(null, () -> "data")).isEqualTo(Params.NONE);
    }
}
