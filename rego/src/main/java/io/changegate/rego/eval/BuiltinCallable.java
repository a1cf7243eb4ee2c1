package io.changegate.rego.eval;

import io.changegate.rego.ast.Location;
import io.changegate.rego.builtins.Builtin;
import io.changegate.rego.builtins.BuiltinException;
import io.changegate.rego.value.Value;
import java.util.ArrayList;
import java.util.List;

/** Calls a builtin, turning its failures into OPA's errors or, when not strict, into undefined. */
final class BuiltinCallable implements EvalContext.Callable {
    final Builtin builtin;
    private final boolean relation;

    BuiltinCallable(Builtin builtin, boolean relation) {
        this.builtin = builtin;
        this.relation = relation;
    }

    @Override
    public int arity() {
        return builtin.decl().arity();
    }

    @Override
    public boolean call(EvalContext c, Value[] args, Location location, ValueCont k) {
        try {
            if (relation) {
                List<Value> out = new ArrayList<>();
                builtin.iterate(c, args, out::add);
                for (Value v : out) {
                    if (!k.accept(v)) {
                        return false;
                    }
                }
                return true;
            }
            Value v = builtin.call(c, args);
            return v == null || k.accept(v);
        } catch (BuiltinException e) {
            if (c.strictBuiltinErrors() || e.halts()) {
                throw new EvalException(e.kind().code(), e.getMessage(), location);
            }
            return true;
        } catch (ArithmeticException | NumberFormatException e) {
            // Numbers beyond what any representation holds (1e999999999 + 1): a builtin error, never a crash.
            if (c.strictBuiltinErrors()) {
                throw new EvalException("eval_builtin_error", builtin.name() + ": " + e.getMessage(), location);
            }
            return true;
        }
    }
}
