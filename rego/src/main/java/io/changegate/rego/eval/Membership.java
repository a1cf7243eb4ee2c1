package io.changegate.rego.eval;

import io.changegate.rego.ast.Location;
import io.changegate.rego.value.BooleanValue;
import io.changegate.rego.value.Value;

/** The {@code in} operator: {@code x in xs} and {@code k, v in xs} as boolean-valued calls. */
final class Membership implements EvalContext.Callable {
    static final Membership VALUE = new Membership(2);
    static final Membership KEY_VALUE = new Membership(3);

    private final int arity;

    private Membership(int arity) {
        this.arity = arity;
    }

    @Override
    public int arity() {
        return arity;
    }

    @Override
    public boolean call(EvalContext c, Value[] args, Location location, ValueCont k) {
        boolean found;
        if (arity == 2) {
            Value x = args[0];
            found = !Collections.forEach(args[1], (key, value) -> !value.equals(x));
        } else {
            Value v = Collections.lookup(args[2], args[0]);
            found = v != null && v.equals(args[1]) && !(args[2] instanceof io.changegate.rego.value.SetValue
                    && !args[0].equals(args[1]));
        }
        return k.accept(BooleanValue.of(found));
    }
}
