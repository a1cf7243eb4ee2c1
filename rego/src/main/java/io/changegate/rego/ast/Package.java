package io.changegate.rego.ast;

/** A module's {@code package} declaration; the path starts with {@code data}. */
public record Package(Term.Ref path, Location location) {
}
