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
}
