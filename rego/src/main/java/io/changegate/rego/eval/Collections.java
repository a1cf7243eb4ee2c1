package io.changegate.rego.eval;

import io.changegate.rego.value.ArrayValue;
import io.changegate.rego.value.NumberValue;
import io.changegate.rego.value.ObjectValue;
import io.changegate.rego.value.SetValue;
import io.changegate.rego.value.Value;

/** Lookup and enumeration over Rego collections, shared by references, {@code some … in} and {@code every}. */
final class Collections {
    private Collections() {
    }

    /** Receives one key and value of a collection; returns false to stop. */
    @FunctionalInterface
    interface EntryCont {
        boolean accept(Value key, Value value);
    }

    /** {@code v[key]}, or null when undefined. */
    static Value lookup(Value v, Value key) {
        return switch (v) {
            case ObjectValue o -> o.get(key);
            case ArrayValue a -> a.get(key);
            case SetValue s -> s.contains(key) ? key : null;
            default -> null;
        };
    }

    /** Enumerates keys and values: array index and element, object key and value, set element twice. */
    static boolean forEach(Value v, EntryCont k) {
        switch (v) {
            case ObjectValue o -> {
                for (int i = 0; i < o.size(); i++) {
                    if (!k.accept(o.keyAt(i), o.valueAt(i))) {
                        return false;
                    }
                }
            }
            case ArrayValue a -> {
                for (int i = 0; i < a.size(); i++) {
                    if (!k.accept(NumberValue.of(i), a.get(i))) {
                        return false;
                    }
                }
            }
            case SetValue s -> {
                for (int i = 0; i < s.size(); i++) {
                    Value e = s.get(i);
                    if (!k.accept(e, e)) {
                        return false;
                    }
                }
            }
            default -> {
            }
        }
        return true;
    }

    static boolean isCollection(Value v) {
        return v instanceof ObjectValue || v instanceof ArrayValue || v instanceof SetValue;
    }
}
