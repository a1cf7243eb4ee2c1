package io.changegate.rego.ast;

/** A source comment, without its leading {@code #}. */
public record Comment(String text, Location location) {
}
