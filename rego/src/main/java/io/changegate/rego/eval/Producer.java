package io.changegate.rego.eval;

import io.changegate.rego.value.Value;

/**
 * A planned term: yields zero or more values, possibly binding variables of the frame as it
 * enumerates (for example the {@code i} of {@code xs[i]}), and unbinding them before it returns.
 */
abstract class Producer {
    abstract boolean eval(EvalContext c, Frame f, ValueCont k);

    /** The value when this producer always yields exactly that one value, else null. */
    Value constant() {
        return null;
    }
}
