package dev.modelport.model;

import java.util.List;
import java.util.Objects;

/**
 * The type of a column in a column-based schema: a scalar {@link DataType}, or one of MLflow's
 * composite types (Array, Object, Map, AnyType) that newer MLflow versions write.
 */
public sealed interface ColType permits DataType, ColType.ArrayType, ColType.ObjectType, ColType.MapType, ColType.AnyType {

    /** {@code {"type": "array", "items": ...}} */
    record ArrayType(ColType items) implements ColType {
        public ArrayType {
            Objects.requireNonNull(items, "items");
        }
    }

    /** {@code {"type": "object", "properties": {...}}} */
    record ObjectType(List<Property> properties) implements ColType {
        public ObjectType {
            properties = List.copyOf(properties);
        }
    }

    /** One property of an {@link ObjectType}. */
    record Property(String name, ColType type, boolean required) {
        public Property {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(type, "type");
        }
    }

    /** {@code {"type": "map", "values": ...}} */
    record MapType(ColType values) implements ColType {
        public MapType {
            Objects.requireNonNull(values, "values");
        }
    }

    /** {@code "any"}: MLflow's AnyType. */
    record AnyType() implements ColType {
    }
}
