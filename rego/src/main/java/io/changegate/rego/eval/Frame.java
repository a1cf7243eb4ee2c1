package io.changegate.rego.eval;

import io.changegate.rego.value.Value;

/**
 * The variable slots of one rule body, function call or query evaluation. A slot is null while
 * its variable is unbound; whoever binds a slot clears it again when backtracking.
 */
final class Frame {
    final Value[] slots;

    Frame(int size) {
        this.slots = new Value[size];
    }

    /** Binds a slot to a value while the continuation runs, then unbinds it. */
    boolean bind(int slot, Value v, Cont k) {
        slots[slot] = v;
        boolean r = k.run();
        slots[slot] = null;
        return r;
    }
}
