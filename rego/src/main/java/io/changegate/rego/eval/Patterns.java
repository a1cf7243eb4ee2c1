package io.changegate.rego.eval;

import io.changegate.rego.value.ArrayValue;
import io.changegate.rego.value.ObjectValue;
import io.changegate.rego.value.Value;
import java.util.List;

/** The planned unification patterns. */
final class Patterns {
    private Patterns() {
    }

    /** A variable: binds it when unbound, else compares. */
    static final class Slot extends Pattern {
        final int slot;

        Slot(int slot) {
            this.slot = slot;
        }

        @Override
        boolean match(EvalContext c, Frame f, Value v, Cont k) {
            Value bound = f.slots[slot];
            if (bound != null) {
                return !bound.equals(v) || k.run();
            }
            return f.bind(slot, v, k);
        }
    }

    /** The wildcard {@code _}: matches anything. */
    static final class Any extends Pattern {
        @Override
        boolean match(EvalContext c, Frame f, Value v, Cont k) {
            return k.run();
        }
    }

    /** A ground term: evaluates it and compares with each of its values. */
    static final class Ground extends Pattern {
        final Producer term;

        Ground(Producer term) {
            this.term = term;
        }

        @Override
        boolean match(EvalContext c, Frame f, Value v, Cont k) {
            Value constant = term.constant();
            if (constant != null) {
                return !constant.equals(v) || k.run();
            }
            return term.eval(c, f, t -> !t.equals(v) || k.run());
        }
    }

    /** {@code [p0, p1, …]}: an array of the same length whose elements match in order. */
    static final class ArrayPattern extends Pattern {
        final Pattern[] elements;

        ArrayPattern(List<Pattern> elements) {
            this.elements = elements.toArray(new Pattern[0]);
        }

        @Override
        boolean match(EvalContext c, Frame f, Value v, Cont k) {
            if (!(v instanceof ArrayValue a) || a.size() != elements.length) {
                return true;
            }
            return matchFrom(c, f, a, 0, k);
        }

        private boolean matchFrom(EvalContext c, Frame f, ArrayValue a, int i, Cont k) {
            if (i == elements.length) {
                return k.run();
            }
            return elements[i].match(c, f, a.get(i), () -> matchFrom(c, f, a, i + 1, k));
        }
    }

    /** {@code {k0: p0, …}} with ground keys: an object with exactly these keys whose values match. */
    static final class ObjectPattern extends Pattern {
        final Producer[] keys;
        final Pattern[] values;

        ObjectPattern(List<Producer> keys, List<Pattern> values) {
            this.keys = keys.toArray(new Producer[0]);
            this.values = values.toArray(new Pattern[0]);
        }

        @Override
        boolean match(EvalContext c, Frame f, Value v, Cont k) {
            if (!(v instanceof ObjectValue o) || o.size() != keys.length) {
                return true;
            }
            return matchFrom(c, f, o, 0, k);
        }

        private boolean matchFrom(EvalContext c, Frame f, ObjectValue o, int i, Cont k) {
            if (i == keys.length) {
                return k.run();
            }
            return keys[i].eval(c, f, key -> {
                Value val = o.get(key);
                return val == null || values[i].match(c, f, val, () -> matchFrom(c, f, o, i + 1, k));
            });
        }
    }
}
