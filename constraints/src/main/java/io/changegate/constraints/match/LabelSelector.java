package io.changegate.constraints.match;

import io.changegate.constraints.Fields;
import io.changegate.rego.value.ObjectValue;
import io.changegate.rego.value.StringValue;
import io.changegate.rego.value.Value;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A Kubernetes label selector: {@code matchLabels} and {@code matchExpressions}, all of which must hold. */
public record LabelSelector(Map<String, String> matchLabels, List<Requirement> matchExpressions) {
    public LabelSelector {
        matchLabels = Map.copyOf(matchLabels);
        matchExpressions = List.copyOf(matchExpressions);
    }

    /** One {@code matchExpressions} entry. */
    public record Requirement(String key, String operator, List<String> values) {
        boolean matches(Map<String, String> labels) {
            String value = labels.get(key);
            return switch (operator) {
                case "In" -> value != null && values.contains(value);
                case "NotIn" -> value == null || !values.contains(value);
                case "Exists" -> value != null;
                default -> value == null; // DoesNotExist
            };
        }
    }

    /** Reads a selector; {@code where} names it in errors (e.g. {@code spec.match.labelSelector}). */
    public static LabelSelector parse(Value v, String where) {
        if (!(v instanceof ObjectValue)) {
            throw new IllegalArgumentException(where + ": must be an object");
        }
        Map<String, String> labels = new LinkedHashMap<>();
        ObjectValue ml = Fields.object(v, "matchLabels");
        if (Fields.at(v, "matchLabels") != null && ml == null) {
            throw new IllegalArgumentException(where + ".matchLabels: must be an object of strings");
        }
        if (ml != null) {
            ml.forEach((k, val) -> {
                if (!(val instanceof StringValue s)) {
                    throw new IllegalArgumentException(where + ".matchLabels." + ((StringValue) k).value() + ": must be a string");
                }
                labels.put(((StringValue) k).value(), s.value());
            });
        }
        List<Requirement> reqs = new ArrayList<>();
        List<Value> exprs = Fields.list(v, "matchExpressions");
        for (int i = 0; i < exprs.size(); i++) {
            String at = where + ".matchExpressions[" + i + "]";
            String key = Fields.string(exprs.get(i), "key");
            String op = Fields.string(exprs.get(i), "operator");
            List<String> values = new ArrayList<>();
            for (Value x : Fields.list(exprs.get(i), "values")) {
                values.add(x instanceof StringValue s ? s.value() : x.toJson());
            }
            if (key.isEmpty()) {
                throw new IllegalArgumentException(at + ".key: is required");
            }
            switch (op) {
                case "In", "NotIn" -> {
                    if (values.isEmpty()) {
                        throw new IllegalArgumentException(at + ".values: must be non-empty for operator " + op);
                    }
                }
                case "Exists", "DoesNotExist" -> {
                    if (!values.isEmpty()) {
                        throw new IllegalArgumentException(at + ".values: must be empty for operator " + op);
                    }
                }
                default -> throw new IllegalArgumentException(at + ".operator: \"" + op
                        + "\" is not a valid selector operator (In, NotIn, Exists, DoesNotExist)");
            }
            reqs.add(new Requirement(key, op, List.copyOf(values)));
        }
        return new LabelSelector(labels, reqs);
    }

    /** Whether an object's {@code metadata.labels} satisfy this selector. */
    public boolean matches(Value object) {
        Map<String, String> labels = labelsOf(object);
        for (Map.Entry<String, String> e : matchLabels.entrySet()) {
            if (!e.getValue().equals(labels.get(e.getKey()))) {
                return false;
            }
        }
        for (Requirement r : matchExpressions) {
            if (!r.matches(labels)) {
                return false;
            }
        }
        return true;
    }

    private static Map<String, String> labelsOf(Value object) {
        ObjectValue labels = Fields.object(object, "metadata", "labels");
        if (labels == null) {
            return Map.of();
        }
        Map<String, String> out = new LinkedHashMap<>();
        labels.forEach((k, v) -> {
            if (k instanceof StringValue ks && v instanceof StringValue vs) {
                out.put(ks.value(), vs.value());
            }
        });
        return out;
    }
}
