package io.changegate.rego.builtins;

import static io.changegate.rego.builtins.Builtins.fn;
import static io.changegate.rego.builtins.Type.ANY_ARRAY;
import static io.changegate.rego.builtins.Type.NUMBER;

import io.changegate.rego.value.ArrayValue;
import io.changegate.rego.value.Value;
import java.util.List;

/** The {@code array.*} functions. */
final class ArrayBuiltins {
    private ArrayBuiltins() {
    }

    static final List<Builtin> ALL = List.of(
            fn("array.concat", List.of(ANY_ARRAY, ANY_ARRAY), ANY_ARRAY, (ctx, a) -> {
                ArrayValue x = Operands.array("array.concat", a, 1);
                ArrayValue y = Operands.array("array.concat", a, 2);
                Value[] out = new Value[x.size() + y.size()];
                for (int i = 0; i < x.size(); i++) {
                    out[i] = x.get(i);
                }
                for (int i = 0; i < y.size(); i++) {
                    out[x.size() + i] = y.get(i);
                }
                return ArrayValue.wrap(out);
            }),
            fn("array.slice", List.of(ANY_ARRAY, NUMBER, NUMBER), ANY_ARRAY, (ctx, a) -> {
                ArrayValue arr = Operands.array("array.slice", a, 1);
                int start = Math.max(0, Operands.intNumber("array.slice", a, 2));
                int stop = Math.min(arr.size(), Operands.intNumber("array.slice", a, 3));
                return start >= stop ? ArrayValue.EMPTY : arr.slice(start, stop);
            }),
            fn("array.reverse", List.of(ANY_ARRAY), ANY_ARRAY, (ctx, a) -> {
                ArrayValue arr = Operands.array("array.reverse", a, 1);
                Value[] out = new Value[arr.size()];
                for (int i = 0; i < out.length; i++) {
                    out[i] = arr.get(out.length - 1 - i);
                }
                return ArrayValue.wrap(out);
            }));
}
