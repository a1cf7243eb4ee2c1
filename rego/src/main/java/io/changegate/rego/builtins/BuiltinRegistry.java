package io.changegate.rego.builtins;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** An immutable set of builtins by name, built once and handed to the compiler. */
public final class BuiltinRegistry {
    private final Map<String, Builtin> byName;

    private BuiltinRegistry(Map<String, Builtin> byName) {
        this.byName = Collections.unmodifiableMap(new LinkedHashMap<>(byName));
    }

    /** Every standard builtin. */
    public static BuiltinRegistry standard() {
        return StandardBuiltins.REGISTRY;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The builtin with this name, or {@code null}. */
    public Builtin get(String name) {
        return byName.get(name);
    }

    public Collection<Builtin> all() {
        return byName.values();
    }

    /** A builder starting from this registry's builtins. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.map.putAll(byName);
        return b;
    }

    /** Collects builtins; a later one with the same name replaces the earlier. */
    public static final class Builder {
        private final Map<String, Builtin> map = new LinkedHashMap<>();

        public Builder add(Builtin b) {
            map.put(b.name(), b);
            return this;
        }

        public Builder addAll(Collection<? extends Builtin> bs) {
            bs.forEach(this::add);
            return this;
        }

        public BuiltinRegistry build() {
            return new BuiltinRegistry(map);
        }
    }
}
