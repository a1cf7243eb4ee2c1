package io.changegate.rego.builtins;

/** The standard library: every family of builtins, collected once. */
final class StandardBuiltins {
    static final BuiltinRegistry REGISTRY = BuiltinRegistry.builder()
            .build();

    private StandardBuiltins() {
    }
}
