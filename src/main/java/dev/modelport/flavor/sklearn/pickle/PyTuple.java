package dev.modelport.flavor.sklearn.pickle;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** A Python tuple read from a pickle (immutable, may hold nulls for None). */
public record PyTuple(List<Object> items) {
    public PyTuple {
        items = Collections.unmodifiableList(new ArrayList<>(items));
    }

    public int size() {
        return items.size();
    }

    public Object get(int i) {
        return items.get(i);
    }

    @Override
    public String toString() {
        return "tuple(" + items.size() + ")";
    }
}
