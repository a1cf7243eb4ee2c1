package io.changegate.rego.builtins;

import static io.changegate.rego.builtins.Builtins.fn;
import static io.changegate.rego.builtins.Type.ANY_SET;
import static io.changegate.rego.builtins.Type.setOf;

import io.changegate.rego.value.SetValue;
import io.changegate.rego.value.Value;
import java.util.List;

/** Set-of-sets functions; the binary set operators live with arithmetic ({@code - & |}). */
final class SetBuiltins {
    private SetBuiltins() {
    }

    static final List<Builtin> ALL = List.of(
            fn("union", List.of(setOf(ANY_SET)), ANY_SET, (ctx, a) -> {
                SetValue out = SetValue.EMPTY;
                for (Value v : Operands.set("union", a, 1).asList()) {
                    out = out.union(member("union", v));
                }
                return out;
            }),
            fn("intersection", List.of(setOf(ANY_SET)), ANY_SET, (ctx, a) -> {
                SetValue out = null;
                for (Value v : Operands.set("intersection", a, 1).asList()) {
                    out = out == null ? member("intersection", v) : out.intersection(member("intersection", v));
                }
                return out == null ? SetValue.EMPTY : out;
            }));

    private static SetValue member(String fn, Value v) throws BuiltinException {
        if (v instanceof SetValue s) {
            return s;
        }
        throw BuiltinException.typeError(fn + ": operand 1 must be set of sets but got set containing " + v.typeName());
    }
}
