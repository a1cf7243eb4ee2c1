package io.changegate.rego.eval;

import io.changegate.rego.ast.Location;
import io.changegate.rego.value.BooleanValue;
import io.changegate.rego.value.ObjectValue;
import io.changegate.rego.value.SetValue;
import io.changegate.rego.value.Value;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** All definitions of one rule (same path and kind), evaluated together as OPA does. */
final class RuleGroup implements EvalContext.Callable {
    /** The kinds of rule, which may not be mixed at one path. */
    enum Kind { COMPLETE, MULTI, DYNAMIC, FUNCTION }

    final String name;
    final Kind kind;
    /** The rule's path under data, e.g. ["test", "p"]. */
    java.util.List<Value> path = java.util.List.of();
    final List<RuleDef> defs = new ArrayList<>();
    RuleDef defaultDef;
    int arity;
    private RuleIndex index;

    /** Builds the rule index once every definition is planned. */
    void buildIndex() {
        index = RuleIndex.build(defs, kind == Kind.FUNCTION);
    }

    private List<RuleDef> candidates(EvalContext c, Value[] args) {
        return index == null ? defs : index.candidates(c, args);
    }

    RuleGroup(String name, Kind kind) {
        this.name = name;
        this.kind = kind;
    }

    /** The document this group defines, or null when undefined. */
    Value value(EvalContext c) {
        return switch (kind) {
            case COMPLETE -> complete(c, null);
            case MULTI -> defs.stream().anyMatch(d -> d.path.length > 0) ? dynamic(c) : multi(c);
            case DYNAMIC -> dynamic(c);
            case FUNCTION -> null;
        };
    }

    @Override
    public int arity() {
        return arity;
    }

    @Override
    public boolean call(EvalContext c, Value[] args, Location location, ValueCont k) {
        Value v = complete(c, args);
        return v == null || k.accept(v);
    }

    /** Evaluates a complete rule (args null) or a function call: one value, or a conflict. */
    private Value complete(EvalContext c, Value[] args) {
        Value result = null;
        for (RuleDef def : candidates(c, args)) {
            Value v = chain(def, c, args);
            if (v != null) {
                if (result == null) {
                    result = v;
                } else if (!result.equals(v)) {
                    throw conflict(def.location);
                }
            }
        }
        if (result == null && defaultDef != null) {
            result = single(defaultDef, c, args);
        }
        return result;
    }

    private EvalException conflict(Location location) {
        return EvalException.conflict(kind == Kind.FUNCTION
                ? "function " + name + " produced conflicting values for the same inputs"
                : "rule " + name + " produced conflicting values", location);
    }

    /** The value of the first definition in an else chain that has one. */
    private Value chain(RuleDef def, EvalContext c, Value[] args) {
        for (RuleDef d = def; d != null; d = d.elseDef) {
            Value v = single(d, c, args);
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    private Value single(RuleDef d, EvalContext c, Value[] args) {
        Frame f = new Frame(d.frameSize);
        Value[] out = {null};
        Cont onSolution = () -> {
            c.cover(d.location);
            if (d.value == null) {
                out[0] = BooleanValue.TRUE;
                return false;
            }
            return d.value.eval(c, f, v -> {
                if (out[0] == null) {
                    out[0] = v;
                } else if (!out[0].equals(v)) {
                    throw conflict(d.location);
                }
                return !d.constantValue;
            });
        };
        Cont body = () -> Goal.run(d.body, c, f, onSolution);
        if (args != null && d.params != null) {
            matchParams(d.params, args, 0, c, f, body);
        } else {
            body.run();
        }
        return out[0];
    }

    private static boolean matchParams(Pattern[] params, Value[] args, int i, EvalContext c, Frame f, Cont k) {
        if (i == params.length) {
            return k.run();
        }
        return params[i].match(c, f, args[i], () -> matchParams(params, args, i + 1, c, f, k));
    }

    private Value multi(EvalContext c) {
        Value memo = c.memoGet(this);
        if (memo != null) {
            return memo;
        }
        SetValue.Builder out = SetValue.builder();
        for (RuleDef d : candidates(c, null)) {
            Frame f = new Frame(d.frameSize);
            Goal.run(d.body, c, f, () -> {
                c.cover(d.location);
                return d.key.eval(c, f, v -> {
                    out.add(v);
                    return true;
                });
            });
        }
        SetValue s = out.build();
        c.memoPut(this, s);
        return s;
    }

    private Value dynamic(EvalContext c) {
        Map<Value, Object> tree = new LinkedHashMap<>();
        for (RuleDef d : candidates(c, null)) {
            Frame f = new Frame(d.frameSize);
            Goal.run(d.body, c, f, () -> {
                c.cover(d.location);
                return path(d, 0, new Value[d.path.length], c, f, tree);
            });
        }
        return toObject(tree);
    }

    private boolean path(RuleDef d, int i, Value[] acc, EvalContext c, Frame f, Map<Value, Object> tree) {
        if (i == d.path.length) {
            if (kind == Kind.MULTI) {
                return d.key.eval(c, f, v -> {
                    insertElement(tree, acc, v, d.location);
                    return true;
                });
            }
            if (d.value == null) {
                insert(tree, acc, BooleanValue.TRUE, d.location);
                return true;
            }
            return d.value.eval(c, f, v -> {
                insert(tree, acc, v, d.location);
                return true;
            });
        }
        return d.path[i].eval(c, f, v -> {
            acc[i] = v;
            return path(d, i + 1, acc, c, f, tree);
        });
    }

    @SuppressWarnings("unchecked")
    private void insert(Map<Value, Object> tree, Value[] path, Value v, Location location) {
        Map<Value, Object> node = tree;
        for (int i = 0; i < path.length - 1; i++) {
            Object next = node.get(path[i]);
            if (next == null) {
                Map<Value, Object> m = new LinkedHashMap<>();
                node.put(path[i], m);
                node = m;
            } else if (next instanceof Map<?, ?> m) {
                node = (Map<Value, Object>) m;
            } else {
                throw EvalException.conflict("object keys must be unique", location);
            }
        }
        Value last = path[path.length - 1];
        Object prev = node.get(last);
        if (prev == null) {
            node.put(last, v);
        } else if (!(prev instanceof Value pv) || !pv.equals(v)) {
            throw EvalException.conflict("object keys must be unique", location);
        }
    }

    /** Adds an element to the set at the end of a multi-value rule's variable path. */
    @SuppressWarnings("unchecked")
    private void insertElement(Map<Value, Object> tree, Value[] path, Value element, Location location) {
        Map<Value, Object> node = tree;
        for (int i = 0; i < path.length - 1; i++) {
            Object next = node.computeIfAbsent(path[i], k -> new LinkedHashMap<Value, Object>());
            if (!(next instanceof Map<?, ?> m)) {
                throw EvalException.conflict("object keys must be unique", location);
            }
            node = (Map<Value, Object>) m;
        }
        Object leaf = node.computeIfAbsent(path[path.length - 1], k -> SetValue.builder());
        if (!(leaf instanceof SetValue.Builder set)) {
            throw EvalException.conflict("object keys must be unique", location);
        }
        set.add(element);
    }

    @SuppressWarnings("unchecked")
    private static ObjectValue toObject(Map<Value, Object> tree) {
        ObjectValue.Builder b = ObjectValue.builder(tree.size());
        tree.forEach((k, v) -> b.put(k, v instanceof Value val ? val
                : v instanceof SetValue.Builder set ? set.build() : toObject((Map<Value, Object>) v)));
        return b.build();
    }
}
