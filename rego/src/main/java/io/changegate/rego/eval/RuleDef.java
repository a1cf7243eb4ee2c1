package io.changegate.rego.eval;

import io.changegate.rego.ast.Location;

/**
 * One planned rule definition: its body, the head terms to produce for each solution, and its
 * {@code else} alternative. Filled in by the compiler once every rule group exists.
 */
final class RuleDef {
    final Location location;
    Goal body;
    int frameSize;
    /** The head value; null means {@code true}. */
    Producer value;
    /** The element of a multi-value rule. */
    Producer key;
    /** The variable part of a ref head, after its static prefix: {@code p[x].y} → [x, "y"]. */
    Producer[] path;
    /** Function parameters. */
    Pattern[] params;
    RuleDef elseDef;
    /** True when every solution yields the same value, so the first solution is enough. */
    boolean constantValue;
    /** For the rule index: each input path this body compares with a constant, and that constant. */
    final java.util.Map<java.util.List<io.changegate.rego.value.Value>, io.changegate.rego.value.Value> indexKeys =
            new java.util.LinkedHashMap<>();
    /** For the rule index: a function's constant first parameter, if any. */
    io.changegate.rego.value.Value firstParamConstant;

    RuleDef(Location location) {
        this.location = location;
    }
}
