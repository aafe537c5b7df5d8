package dev.modelport.schema;

import dev.modelport.ErrorCode;
import dev.modelport.ModelportException;
import dev.modelport.data.Params;
import dev.modelport.model.DataType;
import dev.modelport.model.ParamSchema;
import dev.modelport.model.ParamSpec;
import dev.modelport.python.PythonRepr;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * MLflow's {@code _enforce_params_schema}: request params checked against the signature's params
 * schema, with defaults for the missing ones; unknown keys dropped; only int → long/float/double,
 * long → float/double and float → double conversions allowed; {@code null} passes; a model without
 * a params schema ignores whatever was sent. Failures are 400 INVALID_PARAMETER_VALUE worded as
 * the scoring server words them. Immutable and thread-safe.
 */
public final class ParamsEnforcer {
    private static final Logger LOG = Logger.getLogger(ParamsEnforcer.class);

    private final Optional<ParamSchema> schema;
    private final Params defaults;

    public ParamsEnforcer(Optional<ParamSchema> schema) {
        this.schema = schema;
        Map<String, Object> values = new LinkedHashMap<>();
        schema.ifPresent(s -> s.params().forEach(p -> values.put(p.name(), p.defaultValue())));
        this.defaults = schema.isPresent() ? new Params(values) : Params.NONE;
    }

    /**
     * Validates the {@code params} a request sent (null when it sent none) and fills in defaults.
     *
     * @param data describes the request's input for the error message
     */
    public Params enforce(Object raw, Supplier<String> data) {
        if (schema.isEmpty()) {
            if (raw != null && !(raw instanceof Map<?, ?> m && m.isEmpty())) {
                LOG.debugf("Ignoring params: the model signature defines no params schema");
            }
            return Params.NONE;
        }
        if (raw == null) {
            return defaults;
        }
        if (!(raw instanceof Map<?, ?> given)) {
            throw invalid(data, "Parameters must be a dictionary. Got type '" + PythonRepr.typeName(raw) + "'.");
        }
        if (given.isEmpty()) {
            return defaults;
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (Object key : given.keySet()) { // MLflow's order: the request's known params first, then the others' defaults
            if (schema.get().params().stream().anyMatch(p -> p.name().equals(key))) {
                values.put((String) key, null);
            }
        }
        List<String> errors = new ArrayList<>();
        for (ParamSpec spec : schema.get().params()) {
            if (!given.containsKey(spec.name())) {
                values.put(spec.name(), spec.defaultValue());
                continue;
            }
            try {
                values.put(spec.name(), validate(given.get(spec.name()), spec));
            } catch (Invalid e) {
                errors.add("(" + PythonRepr.quote(spec.name()) + ", " + PythonRepr.quote(e.getMessage()) + ")");
            }
        }
        if (!errors.isEmpty()) {
            throw invalid(data, "Invalid parameters found: {" + String.join(", ", errors) + "}");
        }
        return new Params(values);
    }

    private static ModelportException invalid(Supplier<String> data, String error) {
        return new ModelportException(ErrorCode.INVALID_PARAMETER_VALUE, "Failed to predict data '" + data.get() + "'. \nError: " + error);
    }

    /** {@code ParamSpec.validate_param_spec}. */
    static Object validate(Object value, ParamSpec spec) {
        String repr = PythonRepr.quote(spec.name()) + ": " + spec.type().mlflowName() + " (default: " + PythonRepr.str(spec.defaultValue()) + ")";
        if (spec.shape().isEmpty()) {
            return enforceType(repr + " with shape None", value, spec.type());
        }
        repr += " (shape: " + SchemaEnforcer.shapeRepr(spec.shape().get()) + ")";
        if (!spec.shape().get().equals(List.of(-1))) {
            throw new Invalid("Shape must be None for scalar value or (-1,) for 1D array value for ParamSpec " + repr + "), received "
                    + SchemaEnforcer.shapeRepr(spec.shape().get()));
        }
        int ndim = ndim(value);
        if (!(value instanceof List<?> list) || ndim != 1) {
            throw new Invalid("Value must be a 1D array with shape (-1,) for param " + repr + ", received " + PythonRepr.typeName(value)
                    + " with ndim " + ndim);
        }
        List<Object> out = new ArrayList<>(list.size());
        for (Object item : list) {
            out.add(enforceType(repr + " internal values", item, spec.type()));
        }
        return out;
    }

    /** {@code ParamSpec.enforce_param_datatype}. */
    static Object enforceType(String name, Object value, DataType type) {
        if (value == null) {
            return null;
        }
        if (type == DataType.DATETIME) {
            if (value instanceof String s) {
                try {
                    if (s.length() <= 10) {
                        LocalDate.parse(s);
                    } else {
                        LocalDateTime.parse(s.replace(' ', 'T'));
                    }
                    return s;
                } catch (DateTimeParseException e) {
                    throw new Invalid("Failed to convert value " + s + " from type str to " + type + " for param " + name);
                }
            }
            throw new Invalid("Invalid value for param " + name + ", it should be convertible to datetime.date/datetime, got " + PythonRepr.str(value));
        }
        if (value instanceof List<?> || value instanceof Map<?, ?>) {
            throw new Invalid("Value should be a scalar for param " + name + ", got " + PythonRepr.repr(value));
        }
        boolean isInt = value instanceof Long || value instanceof BigInteger;
        switch (type) {
            case BOOLEAN -> {
                if (value instanceof Boolean) {
                    return value;
                }
            }
            case INTEGER, LONG -> {
                if (isInt) {
                    return value;
                }
            }
            case FLOAT, DOUBLE -> {
                if (value instanceof Double) {
                    return value;
                }
                if (isInt) {
                    return ((Number) value).doubleValue();
                }
            }
            case STRING -> {
                if (value instanceof String) {
                    return value;
                }
            }
            default -> {
            }
        }
        throw new Invalid("Incompatible types for param " + name + ". Can not safely convert " + PythonRepr.typeName(value) + " to DataType."
                + type.mlflowName() + ".");
    }

    /** {@code np.array(value).ndim}. */
    private static int ndim(Object value) {
        if (!(value instanceof List<?> list)) {
            return 0;
        }
        if (list.isEmpty() || !(list.get(0) instanceof List<?>)) {
            return 1;
        }
        int inner = Integer.MAX_VALUE;
        for (Object item : list) {
            inner = Math.min(inner, ndim(item));
        }
        return 1 + inner;
    }

    /** One param's violation, collected into MLflow's set of (name, reason) pairs. */
    private static final class Invalid extends RuntimeException {
        Invalid(String message) {
            super(message, null, false, false);
        }
    }
}
