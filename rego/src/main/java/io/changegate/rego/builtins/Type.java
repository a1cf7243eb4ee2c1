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
