package io.changegate.rego;

import io.changegate.rego.value.Value;
import java.util.List;

/** A compiled query over compiled modules; immutable and safe to evaluate from many threads at once. */
public interface PreparedQuery {

    /**
     * Evaluates the query with {@code input} (null when there is no input document).
     *
     * @return every solution, in OPA's order; empty when the query is undefined
     * @throws RegoException on evaluation errors such as {@code eval_conflict_error}
     */
    List<QueryResult> eval(Value input, EvalOptions options) throws RegoException;

    default List<QueryResult> eval(Value input) throws RegoException {
        return eval(input, EvalOptions.DEFAULT);
    }

    /** The value of the first expression of the first solution, or null when undefined. */
    default Value evalValue(Value input) throws RegoException {
        List<QueryResult> r = eval(input, EvalOptions.DEFAULT);
        return r.isEmpty() ? null : r.get(0).expressions().get(0).value();
    }
}
