package io.changegate.rego.eval;

import io.changegate.rego.value.ObjectValue;
import io.changegate.rego.value.Value;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A node of the {@code data} document tree: a path under {@code data}, the rules whose static
 * path ends here, and child nodes. Its value merges the base document at its path with the
 * values of the rules at and below it, as OPA's virtual documents do.
 */
final class DocNode {
    final List<Value> path;
    final Map<Value, DocNode> children = new LinkedHashMap<>();
    RuleGroup group;
    private boolean hasRules;

    DocNode(List<Value> path) {
        this.path = List.copyOf(path);
    }

    DocNode child(Value key) {
        return children.get(key);
    }

    DocNode childOrCreate(Value key) {
        return children.computeIfAbsent(key, k -> {
            List<Value> p = new ArrayList<>(path);
            p.add(k);
            return new DocNode(p);
        });
    }

    /** Marks that rules exist at or below this node; called on each ancestor when a rule is added. */
    void markRules() {
        hasRules = true;
    }

    boolean hasRules() {
        return hasRules;
    }

    /** The dotted name OPA uses in messages, e.g. {@code data.test.p}. */
    String name() {
        StringBuilder sb = new StringBuilder("data");
        for (Value v : path) {
            if (v instanceof io.changegate.rego.value.StringValue s && isIdentifier(s.value())) {
                sb.append('.').append(s.value());
            } else {
                sb.append('[').append(v.toRego()).append(']');
            }
        }
        return sb.toString();
    }

    static boolean isIdentifier(String s) {
        if (s.isEmpty() || !(Character.isLetter(s.charAt(0)) || s.charAt(0) == '_')) {
            return false;
        }
        for (int i = 1; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (!(Character.isLetterOrDigit(ch) || ch == '_')) {
                return false;
            }
        }
        return true;
    }

    /** The value of the document at this node, or null when it is undefined. */
    Value value(EvalContext c) {
        if (c.overlay != null) {
            return overlaid(c);
        }
        return computed(c);
    }

    private Value computed(EvalContext c) {
        if (!hasRules) {
            return baseValue(c);
        }
        Value memo = c.memoGet(this);
        if (memo != null) {
            return memo == EvalContext.UNDEFINED_MARK ? null : memo;
        }
        Value v = merged(c);
        c.memoPut(this, v == null ? EvalContext.UNDEFINED_MARK : v);
        return v;
    }

    Value baseValue(EvalContext c) {
        Value v = c.data;
        for (Value key : path) {
            if (key instanceof io.changegate.rego.value.NumberValue && v instanceof ObjectValue) {
                // data's keys are strings: OPA's store reads data[2] as data["2"].
                key = io.changegate.rego.value.StringValue.of(key.toString());
            }
            v = Collections.lookup(v, key);
            if (v == null) {
                return null;
            }
        }
        return v;
    }

    private Value merged(EvalContext c) {
        Value own = group == null ? null : group.value(c);
        boolean anyChildRules = children.values().stream().anyMatch(DocNode::hasRules);
        if (!anyChildRules) {
            return own != null ? own : (group == null ? baseValue(c) : null);
        }
        Value base = baseValue(c);
        ObjectValue.Builder b = ObjectValue.builder();
        if (base instanceof ObjectValue bo) {
            bo.forEach(b::put);
        }
        if (own instanceof ObjectValue oo) {
            oo.forEach(b::put);
        }
        for (Map.Entry<Value, DocNode> e : children.entrySet()) {
            DocNode child = e.getValue();
            if (child.hasRules) {
                Value cv = child.value(c);
                if (cv != null) {
                    Value fromRules = own instanceof ObjectValue oo ? oo.get(e.getKey()) : null;
                    if (fromRules != null && !fromRules.equals(cv)) {
                        throw EvalException.conflict("object keys must be unique", null);
                    }
                    b.put(e.getKey(), cv);
                }
            }
        }
        return b.build();
    }

    /** The value when {@code with} has replaced documents at, above or below this path. */
    private Value overlaid(EvalContext c) {
        List<Map.Entry<List<Value>, Value>> entries = c.overlay.entries();
        int covering = -1;
        for (int i = entries.size() - 1; i >= 0; i--) {
            if (isPrefix(entries.get(i).getKey(), path)) {
                covering = i;
                break;
            }
        }
        Value v;
        if (covering >= 0) {
            Map.Entry<List<Value>, Value> e = entries.get(covering);
            v = e.getValue();
            for (int j = e.getKey().size(); j < path.size() && v != null; j++) {
                v = Collections.lookup(v, path.get(j));
            }
        } else {
            v = computed(c);
        }
        for (int i = covering + 1; i < entries.size(); i++) {
            Map.Entry<List<Value>, Value> e = entries.get(i);
            List<Value> p = e.getKey();
            if (p.size() > path.size() && isPrefix(path, p)) {
                v = WithModifier.upsert(v, p.subList(path.size(), p.size()), e.getValue());
            }
        }
        return v;
    }

    private static boolean isPrefix(List<Value> prefix, List<Value> p) {
        if (prefix.size() > p.size()) {
            return false;
        }
        for (int i = 0; i < prefix.size(); i++) {
            if (!prefix.get(i).equals(p.get(i))) {
                return false;
            }
        }
        return true;
    }
}
