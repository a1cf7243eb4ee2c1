package io.changegate.rego.eval;

/** A continuation: called once per solution; returns false to stop the enumeration early. */
@FunctionalInterface
interface Cont {
    boolean run();
}
