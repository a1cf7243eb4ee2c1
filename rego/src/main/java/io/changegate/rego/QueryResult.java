package io.changegate.rego;

import io.changegate.rego.value.ObjectValue;
import java.util.List;

/**
 * One solution of a query: the value of each expression and the bindings of the query's
 * named variables (wildcards and compiler-generated variables excluded), as {@code opa eval} reports them.
 */
public record QueryResult(List<ExpressionValue> expressions, ObjectValue bindings) {
    public QueryResult {
        expressions = List.copyOf(expressions);
    }
}
