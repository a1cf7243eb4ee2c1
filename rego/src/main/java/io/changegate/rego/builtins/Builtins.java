package io.changegate.rego.builtins;

import io.changegate.rego.value.Value;
import java.util.List;
import java.util.function.Consumer;

/** Declares builtins concisely: a name, argument and result types, and a lambda. */
public final class Builtins {
    /** A builtin computing one value, or {@code null} when undefined. */
    @FunctionalInterface
    public interface Function {
        Value apply(BuiltinContext ctx, Value[] args) throws BuiltinException;
    }

    /** A builtin relation yielding any number of values. */
    @FunctionalInterface
    public interface Relation {
        void apply(BuiltinContext ctx, Value[] args, Consumer<Value> out) throws BuiltinException;
    }

    private Builtins() {
    }

    /** A deterministic function. */
    public static Builtin fn(String name, List<Type> args, Type result, Function impl) {
        return new FunctionBuiltin(new BuiltinDecl(name, args, result, false, List.of()), impl);
    }

    /** A function whose result may differ between evaluations (time, randomness, I/O). */
    public static Builtin nondeterministic(String name, List<Type> args, Type result, Function impl) {
        return new FunctionBuiltin(new BuiltinDecl(name, args, result, true, List.of()), impl);
    }

    /** A relation such as {@code walk}, which yields several results for one call. */
    public static Builtin relation(String name, List<Type> args, Type result, Relation impl) {
        return new RelationBuiltin(new BuiltinDecl(name, args, result, false, List.of()), impl);
    }

    private record FunctionBuiltin(BuiltinDecl decl, Function impl) implements Builtin {
        @Override
        public Value call(BuiltinContext ctx, Value[] args) throws BuiltinException {
            return impl.apply(ctx, args);
        }
    }

    private record RelationBuiltin(BuiltinDecl decl, Relation impl) implements Builtin {
        @Override
        public Value call(BuiltinContext ctx, Value[] args) throws BuiltinException {
            Value[] first = new Value[1];
            impl.apply(ctx, args, v -> {
                if (first[0] == null) {
                    first[0] = v;
                }
            });
            return first[0];
        }

        @Override
        public void iterate(BuiltinContext ctx, Value[] args, Consumer<Value> out) throws BuiltinException {
            impl.apply(ctx, args, out);
        }

        @Override
        public boolean isRelation() {
            return true;
        }
    }
}
