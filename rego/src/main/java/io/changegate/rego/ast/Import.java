package io.changegate.rego.ast;

/** An {@code import} of data, input, {@code rego.v1} or {@code future.keywords…}; alias may be null. */
public record Import(Term.Ref path, String alias, Location location) {
}
