package io.changegate.rego.eval;

import io.changegate.rego.value.Value;

/** The side of a unification that may hold unbound variables: matches a value, binding them. */
abstract class Pattern {
    abstract boolean match(EvalContext c, Frame f, Value v, Cont k);
}
