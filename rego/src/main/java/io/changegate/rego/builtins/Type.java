package io.changegate.rego.builtins;

import java.util.List;
import java.util.stream.Collectors;

/** A Rego type as builtin declarations use it: what an argument accepts, what a result is. */
public sealed interface Type {
    Type ANY = new Any();
    Type NULL = new Named("null");
    Type BOOLEAN = new Named("boolean");
    Type NUMBER = new Named("number");
    Type STRING = new Named("string");
    Type ANY_ARRAY = new ArrayOf(ANY);
    Type ANY_SET = new SetOf(ANY);
    Type ANY_OBJECT = new ObjectOf(ANY, ANY);

    static Type arrayOf(Type element) {
        return new ArrayOf(element);
    }

    static Type setOf(Type element) {
        return new SetOf(element);
    }

    static Type objectOf(Type key, Type value) {
        return new ObjectOf(key, value);
    }

    static Type oneOf(Type... types) {
        return new OneOf(List.of(types));
    }

    /**
     * Whether a value belongs to this type, as the type checker decides for a constant argument.
     * Element and key types of composites are checked too.
     */
    default boolean accepts(io.changegate.rego.value.Value v) {
        return switch (this) {
            case Any a -> true;
            case Named n -> n.name().equals(v.typeName());
            case ArrayOf a -> v instanceof io.changegate.rego.value.ArrayValue arr
                    && arr.asList().stream().allMatch(a.element()::accepts);
            case SetOf s -> v instanceof io.changegate.rego.value.SetValue set
                    && set.asList().stream().allMatch(s.element()::accepts);
            case ObjectOf o -> {
                if (!(v instanceof io.changegate.rego.value.ObjectValue obj)) {
                    yield false;
                }
                for (int i = 0; i < obj.size(); i++) {
                    if (!o.key().accepts(obj.keyAt(i)) || !o.value().accepts(obj.valueAt(i))) {
                        yield false;
                    }
                }
                yield true;
            }
            case OneOf o -> o.types().stream().anyMatch(t -> t.accepts(v));
            case ObjectWith o -> {
                if (!(v instanceof io.changegate.rego.value.ObjectValue obj)) {
                    yield false;
                }
                for (int i = 0; i < obj.size(); i++) {
                    io.changegate.rego.value.Value k = obj.keyAt(i);
                    Type fixed = k instanceof io.changegate.rego.value.StringValue ks ? o.properties().get(ks.value()) : null;
                    boolean ok = fixed != null ? fixed.accepts(obj.valueAt(i))
                            : o.dynamicKey().accepts(k) && o.dynamicValue().accepts(obj.valueAt(i));
                    if (!ok) {
                        yield false;
                    }
                }
                yield true;
            }
        };
    }

    /** How OPA names this type in error messages, e.g. {@code string} or {@code any<array, set>}. */
    String describe();

    record Any() implements Type {
        @Override
        public String describe() {
            return "any";
        }
    }

    /** A scalar type. */
    record Named(String name) implements Type {
        @Override
        public String describe() {
            return name;
        }
    }

    record ArrayOf(Type element) implements Type {
        @Override
        public String describe() {
            return "array[" + element.describe() + "]";
        }
    }

    record SetOf(Type element) implements Type {
        @Override
        public String describe() {
            return "set[" + element.describe() + "]";
        }
    }

    record ObjectOf(Type key, Type value) implements Type {
        @Override
        public String describe() {
            return "object[" + key.describe() + ": " + value.describe() + "]";
        }
    }

    /**
     * An object with typed known keys ({@code pretty: boolean}) and a type for any other entries,
     * as OPA declares option objects.
     */
    record ObjectWith(java.util.Map<String, Type> properties, Type dynamicKey, Type dynamicValue) implements Type {
        public ObjectWith {
            properties = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(properties));
        }

        @Override
        public String describe() {
            return "object<" + properties.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue().describe())
                    .collect(Collectors.joining(", ")) + ">[" + dynamicKey.describe() + ": " + dynamicValue.describe() + "]";
        }
    }

    record OneOf(List<Type> types) implements Type {
        public OneOf {
            types = List.copyOf(types);
        }

        @Override
        public String describe() {
            return "any<" + types.stream().map(Type::describe).collect(Collectors.joining(", ")) + ">";
        }
    }
}
