package io.changegate.constraints;

import io.changegate.rego.value.ObjectValue;
import io.changegate.rego.value.StringValue;
import io.changegate.rego.value.Value;
import java.util.Map;
import java.util.TreeMap;

/**
 * The objects referential policies read as {@code data.inventory}, laid out as Gatekeeper syncs
 * them: {@code cluster[apiVersion][kind][name]} for cluster-scoped objects and
 * {@code namespace[ns][apiVersion][kind][name]} for namespaced ones.
 */
public final class Inventory {
    /** No synced objects: {@code data.inventory} is undefined. */
    public static final Inventory EMPTY = new Inventory(null, Map.of());

    private final ObjectValue value;
    private final Map<String, ObjectValue> namespaces;

    private Inventory(ObjectValue value, Map<String, ObjectValue> namespaces) {
        this.value = value;
        this.namespaces = namespaces;
    }

    /** An inventory of these objects; later objects replace earlier ones with the same identity. */
    public static Inventory of(Iterable<? extends Value> objects) {
        Map<String, Map<String, Map<String, Map<String, Value>>>> namespaced = new TreeMap<>();
        Map<String, Map<String, Map<String, Value>>> cluster = new TreeMap<>();
        Map<String, ObjectValue> namespaces = new TreeMap<>();
        boolean any = false;
        for (Value o : objects) {
            String apiVersion = Fields.string(o, "apiVersion");
            String kind = Fields.string(o, "kind");
            String name = Fields.string(o, "metadata", "name");
            String ns = Fields.string(o, "metadata", "namespace");
            if (apiVersion.isEmpty() || kind.isEmpty() || name.isEmpty()) {
                continue;
            }
            any = true;
            var byVersion = ns.isEmpty() ? cluster : namespaced.computeIfAbsent(ns, k -> new TreeMap<>());
            byVersion.computeIfAbsent(apiVersion, k -> new TreeMap<>()).computeIfAbsent(kind, k -> new TreeMap<>())
                    .put(name, o);
            if (ns.isEmpty() && kind.equals("Namespace") && apiVersion.equals("v1") && o instanceof ObjectValue n) {
                namespaces.put(name, n);
            }
        }
        if (!any) {
            return EMPTY;
        }
        ObjectValue value = ObjectValue.of("cluster", toValue(cluster), "namespace", toValue(namespaced));
        return new Inventory(value, Map.copyOf(namespaces));
    }

    /** {@code data.inventory}, or null when there is none. */
    public ObjectValue value() {
        return value;
    }

    /** The Namespace object of this name, when synced. */
    public ObjectValue namespace(String name) {
        return namespaces.get(name);
    }

    /** The review with its Namespace object filled in from this inventory when the review lacks it. */
    public Review attachNamespace(Review review) {
        if (review.namespaceObject() != null || review.namespace().isEmpty()) {
            return review;
        }
        ObjectValue ns = namespaces.get(review.namespace());
        return ns == null ? review : review.withNamespaceObject(ns);
    }

    @SuppressWarnings("unchecked")
    private static Value toValue(Map<String, ?> map) {
        ObjectValue.Builder b = ObjectValue.builder(map.size());
        map.forEach((k, v) -> b.put(StringValue.of(k), v instanceof Map<?, ?> m ? toValue((Map<String, ?>) m) : (Value) v));
        return b.build();
    }
}
