package dev.modelport.flavor.sklearn;

import dev.modelport.ModelportException;
import dev.modelport.flavor.sklearn.pickle.NdArray;
import dev.modelport.flavor.sklearn.pickle.PyObject;
import java.util.List;
import java.util.Optional;

/** Typed, checked access to a pickled estimator's {@code __dict__}; a missing or mistyped attribute fails the load. */
record EstimatorState(PyObject object) {

    String className() {
        return object.className();
    }

    /** The short class name, as sklearn names the estimator in its messages. */
    String shortName() {
        String name = object.className();
        return name.substring(name.lastIndexOf('.') + 1);
    }

    boolean has(String key) {
        return object.state().containsKey(key);
    }

    Object get(String key) {
        if (!object.state().containsKey(key)) {
            throw invalid(key, "is missing (is the estimator fitted?)");
        }
        return object.state().get(key);
    }

    Optional<Object> optional(String key) {
        return Optional.ofNullable(object.state().get(key));
    }

    NdArray array(String key) {
        if (get(key) instanceof NdArray a) {
            return a;
        }
        throw invalid(key, "is not a numpy array");
    }

    Optional<NdArray> optionalArray(String key) {
        Object v = object.state().get(key);
        if (v == null) {
            return Optional.empty();
        }
        if (v instanceof NdArray a) {
            return Optional.of(a);
        }
        throw invalid(key, "is not a numpy array");
    }

    String string(String key) {
        if (get(key) instanceof String s) {
            return s;
        }
        throw invalid(key, "is not a string");
    }

    String string(String key, String fallback) {
        return object.state().get(key) instanceof String s ? s : fallback;
    }

    long integer(String key) {
        Object v = get(key);
        if (v instanceof Long l) {
            return l;
        }
        if (v instanceof Boolean b) {
            return b ? 1 : 0;
        }
        throw invalid(key, "is not an integer");
    }

    double number(String key) {
        return switch (get(key)) {
            case Long l -> l;
            case Double d -> d;
            case Boolean b -> b ? 1 : 0;
            default -> throw invalid(key, "is not a number");
        };
    }

    boolean bool(String key, boolean fallback) {
        Object v = object.state().get(key);
        return v instanceof Boolean b ? b : v instanceof Long l ? l != 0 : fallback;
    }

    List<?> list(String key) {
        if (get(key) instanceof List<?> l) {
            return l;
        }
        throw invalid(key, "is not a list");
    }

    PyObject pyObject(String key) {
        if (get(key) instanceof PyObject o) {
            return o;
        }
        throw invalid(key, "is not an object");
    }

    /** {@code n_features_in_}, or -1 when the estimator did not record it. */
    int nFeaturesIn() {
        return object.state().get("n_features_in_") instanceof Long l ? l.intValue() : -1;
    }

    /** {@code feature_names_in_} as strings, when fitted on a DataFrame. */
    Optional<String[]> featureNamesIn() {
        return optionalArray("feature_names_in_").map(a -> {
            Object[] e = a.elements();
            String[] names = new String[e.length];
            for (int i = 0; i < e.length; i++) {
                names[i] = String.valueOf(e[i]);
            }
            return names;
        });
    }

    ModelportException invalid(String key, String problem) {
        return ModelportException.badModel("%s attribute '%s' %s", shortName(), key, problem);
    }

    ModelportException unsupported(String what) {
        return ModelportException.badModel("%s with %s is not supported natively", shortName(), what);
    }
}
