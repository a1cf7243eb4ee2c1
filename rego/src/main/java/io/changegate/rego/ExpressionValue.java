package io.changegate.rego;

import io.changegate.rego.ast.Location;
import io.changegate.rego.value.Value;

/** The value of one query expression in one result, with the expression's source text and location. */
public record ExpressionValue(Value value, String text, Location location) {
}
