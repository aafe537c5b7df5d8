package dev.modelport.flavor.sklearn.pickle;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An instance of an allowlisted Python class, rebuilt from a pickle without running any Python:
 * its class name ({@code module.qualname}), the arguments it was created with (REDUCE/NEWOBJ) and
 * the state given to BUILD ({@code __getstate__} dict, or the tuple/array for {@code __setstate__}).
 */
public final class PyObject {
    private final String className;
    private final List<Object> args;
    private Map<String, Object> state = Map.of();
    private Object rawState;

    PyObject(String className, List<Object> args) {
        this.className = Objects.requireNonNull(className, "className");
        this.args = Collections.unmodifiableList(new java.util.ArrayList<>(args));
    }

    public String className() {
        return className;
    }

    /** The arguments given to the class (REDUCE or NEWOBJ), usually empty. */
    public List<Object> args() {
        return args;
    }

    /** The state dict given to BUILD (empty when there was none or it was not a dict). */
    public Map<String, Object> state() {
        return state;
    }

    /** The state given to BUILD as it was (a dict, a tuple, ...), or null. */
    public Object rawState() {
        return rawState;
    }

    @SuppressWarnings("unchecked")
    void build(Object newState) {
        rawState = newState;
        if (newState instanceof Map<?, ?> map) {
            LinkedHashMap<String, Object> copy = new LinkedHashMap<>();
            ((Map<Object, Object>) map).forEach((k, v) -> copy.put(String.valueOf(k), v));
            state = Collections.unmodifiableMap(copy);
        } else if (newState instanceof PyTuple t && t.size() == 2 && t.get(0) instanceof Map<?, ?> map) {
            // (state, slotstate)
            LinkedHashMap<String, Object> copy = new LinkedHashMap<>();
            ((Map<Object, Object>) map).forEach((k, v) -> copy.put(String.valueOf(k), v));
            if (t.get(1) instanceof Map<?, ?> slots) {
                ((Map<Object, Object>) slots).forEach((k, v) -> copy.put(String.valueOf(k), v));
            }
            state = Collections.unmodifiableMap(copy);
        }
    }

    @Override
    public String toString() {
        return className;
    }
}
