package io.changegate.rego.eval;

import io.changegate.rego.ast.Location;
import io.changegate.rego.value.BooleanValue;
import io.changegate.rego.value.Value;
import java.util.List;

/** The planned expression kinds. */
final class Goals {
    private Goals() {
    }

    /** A term used as an expression: succeeds for each value that is not {@code false}. */
    static final class Truth extends Goal {
        final Producer term;

        Truth(Producer term) {
            this.term = term;
        }

        @Override
        boolean eval(EvalContext c, Frame f, Cont k) {
            return term.eval(c, f, v -> v == BooleanValue.FALSE || proceed(c, f, k));
        }
    }

    /** A query expression whose value is reported: stores each value in a slot while continuing. */
    static final class Capture extends Goal {
        final Producer term;
        final int slot;
        final boolean requireTruth;

        Capture(Producer term, int slot, boolean requireTruth) {
            this.term = term;
            this.slot = slot;
            this.requireTruth = requireTruth;
        }

        @Override
        boolean eval(EvalContext c, Frame f, Cont k) {
            return term.eval(c, f, v -> {
                if (requireTruth && v == BooleanValue.FALSE) {
                    return true;
                }
                return f.bind(slot, v, () -> proceed(c, f, k));
            });
        }
    }

    /** A goal whose value, as a query expression, is {@code true}: records it, then runs the goal. */
    static final class CaptureTrue extends Goal {
        final Goal inner;
        final int slot;

        CaptureTrue(Goal inner, int slot) {
            this.inner = inner;
            this.slot = slot;
        }

        @Override
        boolean eval(EvalContext c, Frame f, Cont k) {
            return inner.eval(c, f, () -> f.bind(slot, BooleanValue.TRUE, () -> proceed(c, f, k)));
        }
    }

    /** Unification of a ground side with a pattern side. */
    static final class Unify extends Goal {
        final Producer ground;
        final Pattern pattern;

        Unify(Producer ground, Pattern pattern) {
            this.ground = ground;
            this.pattern = pattern;
        }

        @Override
        boolean eval(EvalContext c, Frame f, Cont k) {
            return ground.eval(c, f, v -> pattern.match(c, f, v, () -> proceed(c, f, k)));
        }
    }

    /** {@code not goal}: succeeds once when the goal has no solution. */
    static final class Not extends Goal {
        final Goal inner;

        Not(Goal inner) {
            this.inner = inner;
        }

        @Override
        boolean eval(EvalContext c, Frame f, Cont k) {
            return inner.eval(c, f, () -> false) ? proceed(c, f, k) : true;
        }
    }

    /** {@code some k, v in collection}. */
    static final class SomeIn extends Goal {
        final Producer collection;
        final Pattern key;
        final Pattern value;

        SomeIn(Producer collection, Pattern key, Pattern value) {
            this.collection = collection;
            this.key = key;
            this.value = value;
        }

        @Override
        boolean eval(EvalContext c, Frame f, Cont k) {
            return collection.eval(c, f, coll -> Collections.forEach(coll, (kv, vv) -> key == null
                    ? value.match(c, f, vv, () -> proceed(c, f, k))
                    : key.match(c, f, kv, () -> value.match(c, f, vv, () -> proceed(c, f, k)))));
        }
    }

    /** {@code every k, v in domain { body }}: succeeds when the body holds for every element. */
    static final class Every extends Goal {
        final Producer domain;
        final Pattern key;
        final Pattern value;
        final Goal body;

        Every(Producer domain, Pattern key, Pattern value, Goal body) {
            this.domain = domain;
            this.key = key;
            this.value = value;
            this.body = body;
        }

        @Override
        boolean eval(EvalContext c, Frame f, Cont k) {
            return domain.eval(c, f, d -> {
                if (!Collections.isCollection(d)) {
                    return true;
                }
                boolean all = Collections.forEach(d, (kv, vv) -> {
                    boolean[] held = {false};
                    Cont check = () -> {
                        held[0] = hasSolution(body, c, f);
                        return false;
                    };
                    if (key == null) {
                        value.match(c, f, vv, check);
                    } else {
                        key.match(c, f, kv, () -> value.match(c, f, vv, check));
                    }
                    return held[0];
                });
                return !all || proceed(c, f, k);
            });
        }
    }

    /** An expression evaluated under {@code with} replacements. */
    static final class With extends Goal {
        final Goal inner;
        final List<WithModifier> modifiers;

        With(Goal inner, List<WithModifier> modifiers) {
            this.inner = inner;
            this.modifiers = modifiers;
        }

        @Override
        boolean eval(EvalContext c, Frame f, Cont k) {
            return WithModifier.apply(modifiers, c, f, 0, c, derived ->
                    inner.eval(derived, f, () -> proceed(c, f, k)));
        }
    }

    /** {@code print(…)}: writes its arguments, {@code <undefined>} for an undefined one, and succeeds. */
    static final class Print extends Goal {
        final Producer[] args;

        Print(List<Producer> args) {
            this.args = args.toArray(new Producer[0]);
        }

        @Override
        boolean eval(EvalContext c, Frame f, Cont k) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < args.length; i++) {
                if (i > 0) {
                    line.append(' ');
                }
                Value[] first = {null};
                args[i].eval(c, f, v -> {
                    first[0] = v;
                    return false;
                });
                Value v = first[0];
                line.append(v == null ? "<undefined>"
                        : v instanceof io.changegate.rego.value.StringValue s ? s.value() : v.toRego());
            }
            c.print(line.toString());
            return proceed(c, f, k);
        }
    }

    /** A goal that always fails, e.g. a unification the compiler proved impossible. */
    static final class Fail extends Goal {
        @Override
        boolean eval(EvalContext c, Frame f, Cont k) {
            return true;
        }
    }

    /** Marks its expression covered, then runs it; planned only when coverage is requested. */
    static final class Covered extends Goal {
        final Location location;

        Covered(Location location) {
            this.location = location;
        }

        @Override
        boolean eval(EvalContext c, Frame f, Cont k) {
            c.cover(location);
            return proceed(c, f, k);
        }
    }
}
