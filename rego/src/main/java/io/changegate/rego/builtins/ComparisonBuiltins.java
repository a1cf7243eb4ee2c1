package io.changegate.rego.builtins;

import static io.changegate.rego.builtins.Builtins.fn;
import static io.changegate.rego.builtins.Type.ANY;
import static io.changegate.rego.builtins.Type.BOOLEAN;

import io.changegate.rego.value.BooleanValue;
import io.changegate.rego.value.Value;
import io.changegate.rego.value.Values;
import java.util.List;
import java.util.function.IntPredicate;

/** The comparison operators {@code == != < <= > >=}, over OPA's total order of values. */
final class ComparisonBuiltins {
    private ComparisonBuiltins() {
    }

    static final List<Builtin> ALL = List.of(
            comparison("equal", c -> c == 0),
            comparison("neq", c -> c != 0),
            comparison("lt", c -> c < 0),
            comparison("lte", c -> c <= 0),
            comparison("gt", c -> c > 0),
            comparison("gte", c -> c >= 0));

    private static Builtin comparison(String name, IntPredicate test) {
        return fn(name, List.of(ANY, ANY), BOOLEAN,
                (ctx, a) -> BooleanValue.of(test.test(compare(a[0], a[1]))));
    }

    private static int compare(Value a, Value b) {
        return a.equals(b) ? 0 : Values.compare(a, b);
    }
}
