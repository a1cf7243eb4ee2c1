package io.changegate.rego.builtins;

/** The standard library: every family of builtins, collected once. */
final class StandardBuiltins {
    static final BuiltinRegistry REGISTRY = BuiltinRegistry.builder()
            .addAll(ComparisonBuiltins.ALL)
            .addAll(ArithmeticBuiltins.ALL)
            .addAll(AggregateBuiltins.ALL)
            .addAll(StringBuiltins.ALL)
            .addAll(ObjectBuiltins.ALL)
            .addAll(SetBuiltins.ALL)
            .addAll(ArrayBuiltins.ALL)
            .addAll(TypeBuiltins.ALL)
            .addAll(GraphBuiltins.ALL)
            .addAll(RegexBuiltins.ALL)
            .addAll(BitsBuiltins.ALL)
            .addAll(EncodingBuiltins.ALL)
            .addAll(TimeBuiltins.ALL)
            .addAll(JsonBuiltins.ALL)
            .addAll(NetBuiltins.ALL)
            .addAll(UnitsBuiltins.ALL)
            .addAll(SemverBuiltins.ALL)
            .addAll(UuidBuiltins.ALL)
            .addAll(MiscBuiltins.ALL)
            .addAll(HttpBuiltins.ALL)
            .addAll(JwtBuiltins.ALL)
            .addAll(CryptoBuiltins.ALL)
            .addAll(JsonSchemaBuiltins.ALL)
            .addAll(RegoBuiltins.ALL)
            .addAll(AwsBuiltins.ALL)
            .addAll(GraphQlBuiltins.ALL)
            .build();

    private StandardBuiltins() {
    }
}
