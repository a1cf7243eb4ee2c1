package io.changegate.rego.builtins;

import java.util.List;

/**
 * A builtin's declaration as data, as OPA's capabilities list it.
 *
 * @param name             dotted name, e.g. {@code strings.replace_n}
 * @param argTypes         one type per argument, for the type checker and runtime checks
 * @param resultType       the result type; null for builtins that return nothing (print)
 * @param nondeterministic true for builtins whose result may change between calls
 * @param categories       OPA's categories, e.g. {@code strings}
 */
public record BuiltinDecl(String name, List<Type> argTypes, Type resultType, boolean nondeterministic,
                          List<String> categories) {
    public BuiltinDecl {
        argTypes = List.copyOf(argTypes);
        categories = List.copyOf(categories);
    }

    public int arity() {
        return argTypes.size();
    }

    /**
     * Whether OPA 1.x rejects calls to this builtin in Rego v1 modules ({@code rego_type_error:
     * deprecated built-in function calls in expression: NAME}); v0 modules may still call it.
     */
    public boolean deprecated() {
        return MiscBuiltins.DEPRECATED.contains(name);
    }
}
