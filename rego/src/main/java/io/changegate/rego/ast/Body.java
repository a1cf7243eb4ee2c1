package io.changegate.rego.ast;

import java.util.List;

/** A conjunction of expressions: a rule body, a query or a comprehension body. */
public record Body(List<Expr> exprs, Location location) {
    public Body {
        exprs = List.copyOf(exprs);
    }
}
