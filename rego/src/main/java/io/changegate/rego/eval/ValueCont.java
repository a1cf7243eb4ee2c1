package io.changegate.rego.eval;

import io.changegate.rego.value.Value;

/** A continuation receiving each value a term produces; returns false to stop the enumeration. */
@FunctionalInterface
interface ValueCont {
    boolean accept(Value v);
}
