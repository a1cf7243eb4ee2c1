package io.changegate.rego.builtins;

import io.changegate.rego.value.Value;
import java.util.function.Consumer;

/**
 * A built-in function: its declaration and its implementation side by side.
 *
 * <p>Most builtins compute one value or none ({@link #call}); a few relations (such as
 * {@code walk}) yield several, through {@link #iterate}. Implementations are stateless and
 * thread-safe.
 */
public interface Builtin {
    /** The declaration: name, argument and result types, categories. */
    BuiltinDecl decl();

    /** Computes the result, or returns {@code null} when it is undefined. */
    Value call(BuiltinContext ctx, Value[] args) throws BuiltinException;

    /** Yields every result; by default the single result of {@link #call}. */
    default void iterate(BuiltinContext ctx, Value[] args, Consumer<Value> out) throws BuiltinException {
        Value v = call(ctx, args);
        if (v != null) {
            out.accept(v);
        }
    }

    default String name() {
        return decl().name();
    }

    /**
     * True for relations (such as {@code walk}) whose results come from {@link #iterate}; a call
     * to one in a body may bind its last argument to each result in turn.
     */
    default boolean isRelation() {
        return false;
    }
}
