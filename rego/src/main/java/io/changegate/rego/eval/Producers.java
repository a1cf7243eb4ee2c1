package io.changegate.rego.eval;

import io.changegate.rego.ast.Location;
import io.changegate.rego.value.ArrayValue;
import io.changegate.rego.value.BooleanValue;
import io.changegate.rego.value.ObjectValue;
import io.changegate.rego.value.SetValue;
import io.changegate.rego.value.Value;
import java.util.ArrayList;
import java.util.List;

/** The planned term kinds. */
final class Producers {
    private Producers() {
    }

    /** A constant. */
    static final class Const extends Producer {
        final Value value;

        Const(Value value) {
            this.value = value;
        }

        @Override
        boolean eval(EvalContext c, Frame f, ValueCont k) {
            return k.accept(value);
        }

        @Override
        Value constant() {
            return value;
        }
    }

    /** A variable read; undefined while unbound. */
    static final class Slot extends Producer {
        final int slot;

        Slot(int slot) {
            this.slot = slot;
        }

        @Override
        boolean eval(EvalContext c, Frame f, ValueCont k) {
            Value v = f.slots[slot];
            return v == null || k.accept(v);
        }
    }

    /** The input document. */
    static final class Input extends Producer {
        @Override
        boolean eval(EvalContext c, Frame f, ValueCont k) {
            return c.input == null || k.accept(c.input);
        }
    }

    /** A document of {@code data} reached by a constant path: base data, a rule, or both merged. */
    static final class Data extends Producer {
        final DocNode node;

        Data(DocNode node) {
            this.node = node;
        }

        @Override
        boolean eval(EvalContext c, Frame f, ValueCont k) {
            Value v = node.value(c);
            return v == null || k.accept(v);
        }
    }

    /** A reference: a head followed by selectors that look up or enumerate. */
    static final class Ref extends Producer {
        final Producer head;
        final Selector[] selectors;

        Ref(Producer head, List<Selector> selectors) {
            this.head = head;
            this.selectors = selectors.toArray(new Selector[0]);
        }

        @Override
        boolean eval(EvalContext c, Frame f, ValueCont k) {
            return head.eval(c, f, v -> walk(c, f, selectors, v, 0, k));
        }
    }

    /** Applies selectors i.. to a value. */
    static boolean walk(EvalContext c, Frame f, Selector[] selectors, Value v, int i, ValueCont k) {
        if (i == selectors.length) {
            return k.accept(v);
        }
        Selector s = selectors[i];
        if (s instanceof Selector.Key key) {
            // The overwhelmingly common case: a constant key, no enumeration.
            Value next = Collections.lookup(v, key.key);
            return next == null || walk(c, f, selectors, next, i + 1, k);
        }
        return s.select(c, f, v, next -> walk(c, f, selectors, next, i + 1, k));
    }

    /**
     * A reference into {@code data} below a node that has rules under it: descends the tree one
     * key at a time while keys are known, so only the rules on the path are evaluated, and takes
     * a whole document only where a selector enumerates.
     */
    static final class DataWalk extends Producer {
        final DocNode node;
        final Selector[] selectors;

        DataWalk(DocNode node, List<Selector> selectors) {
            this.node = node;
            this.selectors = selectors.toArray(new Selector[0]);
        }

        @Override
        boolean eval(EvalContext c, Frame f, ValueCont k) {
            return descend(c, f, node, 0, k);
        }

        private boolean descend(EvalContext c, Frame f, DocNode at, int i, ValueCont k) {
            if (i < selectors.length && at.group == null && at.hasRules() && c.overlay == null) {
                Value key = selectors[i].knownKey(f);
                if (key != null) {
                    return descendByKey(c, f, at, key, i, k);
                }
                if (selectors[i] instanceof Selector.Computed computed) {
                    return computed.key.eval(c, f, kv -> descendByKey(c, f, at, kv, i, k));
                }
            }
            Value v = at.value(c);
            return v == null || walk(c, f, selectors, v, i, k);
        }

        private boolean descendByKey(EvalContext c, Frame f, DocNode at, Value key, int i, ValueCont k) {
            DocNode child = at.child(key);
            if (child != null) {
                return descend(c, f, child, i + 1, k);
            }
            Value base = at.baseValue(c);
            Value next = base == null ? null : Collections.lookup(base, key);
            return next == null || walk(c, f, selectors, next, i + 1, k);
        }
    }

    /** One selector of a reference. */
    abstract static class Selector {
        abstract boolean select(EvalContext c, Frame f, Value collection, ValueCont k);

        /** The key this selector looks up without enumerating, or null when it enumerates or computes. */
        Value knownKey(Frame f) {
            return null;
        }

        /** {@code .name} or {@code [constant]}. */
        static final class Key extends Selector {
            final Value key;

            Key(Value key) {
                this.key = key;
            }

            @Override
            Value knownKey(Frame f) {
                return key;
            }

            @Override
            boolean select(EvalContext c, Frame f, Value collection, ValueCont k) {
                Value v = Collections.lookup(collection, key);
                return v == null || k.accept(v);
            }
        }

        /** {@code [x]}: looks up when x is bound, else enumerates binding x. */
        static final class Var extends Selector {
            final int slot;

            Var(int slot) {
                this.slot = slot;
            }

            @Override
            Value knownKey(Frame f) {
                return f.slots[slot];
            }

            @Override
            boolean select(EvalContext c, Frame f, Value collection, ValueCont k) {
                Value bound = f.slots[slot];
                if (bound != null) {
                    Value v = Collections.lookup(collection, bound);
                    return v == null || k.accept(v);
                }
                boolean r = Collections.forEach(collection, (key, value) -> {
                    f.slots[slot] = key;
                    return k.accept(value);
                });
                f.slots[slot] = null;
                return r;
            }
        }

        /** {@code [_]}: enumerates without binding. */
        static final class Any extends Selector {
            @Override
            boolean select(EvalContext c, Frame f, Value collection, ValueCont k) {
                return Collections.forEach(collection, (key, value) -> k.accept(value));
            }
        }

        /** {@code [term]} for any other ground term: evaluates it and looks up each value. */
        static final class Computed extends Selector {
            final Producer key;

            Computed(Producer key) {
                this.key = key;
            }

            @Override
            boolean select(EvalContext c, Frame f, Value collection, ValueCont k) {
                return key.eval(c, f, kv -> {
                    Value v = Collections.lookup(collection, kv);
                    return v == null || k.accept(v);
                });
            }
        }

        /** {@code [[a, b]]} and other composite keys with unbound variables: enumerates and unifies. */
        static final class Matched extends Selector {
            final Pattern key;

            Matched(Pattern key) {
                this.key = key;
            }

            @Override
            boolean select(EvalContext c, Frame f, Value collection, ValueCont k) {
                return Collections.forEach(collection, (kv, value) -> key.match(c, f, kv, () -> k.accept(value)));
            }
        }
    }

    /** An array or set literal with at least one non-constant element. */
    static final class CollectionLiteral extends Producer {
        final Producer[] elements;
        final boolean set;

        CollectionLiteral(List<Producer> elements, boolean set) {
            this.elements = elements.toArray(new Producer[0]);
            this.set = set;
        }

        @Override
        boolean eval(EvalContext c, Frame f, ValueCont k) {
            return build(c, f, new Value[elements.length], 0, k);
        }

        private boolean build(EvalContext c, Frame f, Value[] acc, int i, ValueCont k) {
            if (i == elements.length) {
                return k.accept(set ? SetValue.of(acc) : ArrayValue.of(acc));
            }
            return elements[i].eval(c, f, v -> {
                acc[i] = v;
                return build(c, f, acc, i + 1, k);
            });
        }
    }

    /** An object literal with at least one non-constant key or value. */
    static final class ObjectLiteral extends Producer {
        final Producer[] keys;
        final Producer[] values;
        final Location location;

        ObjectLiteral(List<Producer> keys, List<Producer> values, Location location) {
            this.keys = keys.toArray(new Producer[0]);
            this.values = values.toArray(new Producer[0]);
            this.location = location;
        }

        @Override
        boolean eval(EvalContext c, Frame f, ValueCont k) {
            return build(c, f, new Value[keys.length * 2], 0, k);
        }

        private boolean build(EvalContext c, Frame f, Value[] acc, int i, ValueCont k) {
            if (i == keys.length) {
                ObjectValue.Builder b = ObjectValue.builder(keys.length);
                for (int j = 0; j < keys.length; j++) {
                    b.put(acc[2 * j], acc[2 * j + 1]);
                }
                // As in OPA, a later duplicate key in an object literal replaces the earlier one.
                return k.accept(b.build());
            }
            return keys[i].eval(c, f, kv -> values[i].eval(c, f, vv -> {
                acc[2 * i] = kv;
                acc[2 * i + 1] = vv;
                return build(c, f, acc, i + 1, k);
            }));
        }
    }

    /** {@code [head | body]} or {@code {head | body}}. */
    static final class Comprehension extends Producer {
        final Producer head;
        final Goal body;
        final boolean set;

        Comprehension(Producer head, Goal body, boolean set) {
            this.head = head;
            this.body = body;
            this.set = set;
        }

        @Override
        boolean eval(EvalContext c, Frame f, ValueCont k) {
            List<Value> out = new ArrayList<>();
            Goal.run(body, c, f, () -> head.eval(c, f, v -> {
                out.add(v);
                return true;
            }));
            return k.accept(set ? SetValue.of(out) : ArrayValue.of(out));
        }
    }

    /**
     * An array or set comprehension selected by key: its body, without the key equality, runs
     * once per evaluation and its results are grouped by the key; each evaluation then looks up
     * the group of the outer key. See {@code BodyPlanner.indexable} for when this is exact.
     */
    static final class IndexedComprehension extends Producer {
        final Producer outerKey;
        final Goal body;
        final Producer localKey;
        final Producer head;
        final boolean set;

        IndexedComprehension(Producer outerKey, Goal body, Producer localKey, Producer head, boolean set) {
            this.outerKey = outerKey;
            this.body = body;
            this.localKey = localKey;
            this.head = head;
            this.set = set;
        }

        @Override
        boolean eval(EvalContext c, Frame f, ValueCont k) {
            java.util.Map<Value, List<Value>> groups = c.comprehensionIndex(this, () -> group(c, f));
            return outerKey.eval(c, f, kv -> {
                List<Value> g = groups.getOrDefault(kv, List.of());
                return k.accept(set ? SetValue.of(g) : ArrayValue.of(g));
            });
        }

        private java.util.Map<Value, List<Value>> group(EvalContext c, Frame f) {
            java.util.Map<Value, List<Value>> groups = new java.util.HashMap<>();
            Goal.run(body, c, f, () -> localKey.eval(c, f, lk -> head.eval(c, f, hv -> {
                groups.computeIfAbsent(lk, x -> new ArrayList<>()).add(hv);
                return true;
            })));
            return groups;
        }
    }

    /** {@code {key: value | body}}; two different values for one key are a conflict. */
    static final class ObjectComprehension extends Producer {
        final Producer key;
        final Producer value;
        final Goal body;
        final Location location;

        ObjectComprehension(Producer key, Producer value, Goal body, Location location) {
            this.key = key;
            this.value = value;
            this.body = body;
            this.location = location;
        }

        @Override
        boolean eval(EvalContext c, Frame f, ValueCont k) {
            java.util.Map<Value, Value> out = new java.util.HashMap<>();
            Goal.run(body, c, f, () -> key.eval(c, f, kv -> value.eval(c, f, vv -> {
                Value prev = out.putIfAbsent(kv, vv);
                if (prev != null && !prev.equals(vv)) {
                    throw EvalException.conflict("object keys must be unique", location);
                }
                return true;
            })));
            return k.accept(ObjectValue.of(out));
        }
    }

    /** A call of a builtin or function with argument terms; {@code with} may replace the callee. */
    static final class Call extends Producer {
        final String name;
        final EvalContext.Callable callee;
        final Producer[] args;
        /** The order in which to evaluate the arguments (positions into {@link #args}). */
        final int[] order;
        final Location location;

        Call(String name, EvalContext.Callable callee, List<Producer> args, int[] order, Location location) {
            this.name = name;
            this.callee = callee;
            this.args = args.toArray(new Producer[0]);
            this.order = order;
            this.location = location;
        }

        @Override
        boolean eval(EvalContext c, Frame f, ValueCont k) {
            return evalArgs(c, f, new Value[args.length], 0, k);
        }

        private boolean evalArgs(EvalContext c, Frame f, Value[] acc, int i, ValueCont k) {
            if (i == args.length) {
                return invoke(c, acc.clone(), k);
            }
            int pos = order[i];
            Value constant = args[pos].constant();
            if (constant != null) {
                acc[pos] = constant;
                return evalArgs(c, f, acc, i + 1, k);
            }
            return args[pos].eval(c, f, v -> {
                acc[pos] = v;
                return evalArgs(c, f, acc, i + 1, k);
            });
        }

        private boolean invoke(EvalContext c, Value[] values, ValueCont k) {
            if (!c.functionOverrides.isEmpty()) {
                EvalContext.FunctionOverride o = c.functionOverrides.get(name);
                if (o != null) {
                    if (o.value() != null) {
                        return k.accept(o.value());
                    }
                    // A replacement runs with the originals: a mock never calls itself or another mock.
                    return o.function().call(c.derive(c.input, c.overlay, java.util.Map.of()), values, location, k);
                }
            }
            return callee.call(c, values, location, k);
        }
    }

    /** The result is true when the value is defined and not false: how a term counts as an expression. */
    static boolean truthy(Value v) {
        return v != BooleanValue.FALSE;
    }
}
