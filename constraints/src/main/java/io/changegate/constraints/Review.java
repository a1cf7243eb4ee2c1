package io.changegate.constraints;

import io.changegate.rego.value.NullValue;
import io.changegate.rego.value.ObjectValue;
import io.changegate.rego.value.StringValue;
import io.changegate.rego.value.Value;

/**
 * One object under review: the AdmissionRequest that templates see as {@code input.review}, and
 * the facts match criteria need from it.
 *
 * @param request         the AdmissionRequest ({@code input.review})
 * @param namespaceObject the Namespace the object lives in (or the object itself when it is a
 *                        Namespace), when known; needed by {@code namespaceSelector}
 */
public record Review(ObjectValue request, ObjectValue namespaceObject) {

    /**
     * A review of an AdmissionRequest as the API server sends it.
     *
     * @throws ConstraintException when neither {@code object} nor {@code oldObject} is an object
     */
    public static Review ofRequest(ObjectValue request) {
        if (!(request.get("object") instanceof ObjectValue) && !(request.get("oldObject") instanceof ObjectValue)) {
            throw new ConstraintException("request.object is required (request.oldObject for DELETE)");
        }
        ObjectValue review = request;
        Value object = request.get("object") instanceof ObjectValue o ? o : request.get("oldObject");
        if (!(request.get("kind") instanceof ObjectValue)) {
            review = review.with(StringValue.of("kind"), kindOf(object));
        }
        return new Review(review, isNamespace(object) ? (ObjectValue) object : null);
    }

    /**
     * A review of a stored object, as Gatekeeper's audit and gator build it: no operation, no
     * user, the object's group/version/kind, name and namespace.
     */
    public static Review ofObject(ObjectValue object) {
        ObjectValue.Builder b = ObjectValue.builder(10);
        b.put("uid", StringValue.EMPTY);
        b.put("kind", kindOf(object));
        b.put("resource", ObjectValue.of("group", StringValue.EMPTY, "version", StringValue.EMPTY,
                "resource", StringValue.EMPTY));
        String name = Fields.string(object, "metadata", "name");
        if (!name.isEmpty()) {
            b.put("name", StringValue.of(name));
        }
        String namespace = Fields.string(object, "metadata", "namespace");
        if (!namespace.isEmpty()) {
            b.put("namespace", StringValue.of(namespace));
        }
        b.put("operation", StringValue.EMPTY);
        b.put("userInfo", ObjectValue.EMPTY);
        b.put("object", object);
        b.put("oldObject", NullValue.INSTANCE);
        b.put("options", NullValue.INSTANCE);
        return new Review(b.build(), isNamespace(object) ? object : null);
    }

    /** This review with the Namespace its object lives in (from the inventory or the cluster). */
    public Review withNamespaceObject(ObjectValue namespace) {
        return new Review(request, namespace);
    }

    /** The object under review: {@code object}, or {@code oldObject} on DELETE. */
    public ObjectValue object() {
        if (request.get("object") instanceof ObjectValue o) {
            return o;
        }
        return request.get("oldObject") instanceof ObjectValue o ? o : ObjectValue.EMPTY;
    }

    /** {@code oldObject}, or null. */
    public ObjectValue oldObject() {
        return request.get("oldObject") instanceof ObjectValue o ? o : null;
    }

    public String group() {
        return Fields.string(request, "kind", "group");
    }

    public String kind() {
        return Fields.string(request, "kind", "kind");
    }

    public String operation() {
        return Fields.string(request, "operation");
    }

    /** The object's name (the request's, else the object's metadata). */
    public String name() {
        String name = Fields.string(request, "name");
        return name.isEmpty() ? Fields.string(object(), "metadata", "name") : name;
    }

    /** The namespace the object is in; empty for cluster-scoped objects. */
    public String namespace() {
        String ns = Fields.string(request, "namespace");
        return ns.isEmpty() ? Fields.string(object(), "metadata", "namespace") : ns;
    }

    /** Whether the object is a Namespace, which namespace criteria match by its own name. */
    public boolean isNamespace() {
        return kind().equals("Namespace") && group().isEmpty();
    }

    private static boolean isNamespace(Value object) {
        return Fields.string(object, "kind").equals("Namespace") && Fields.string(object, "apiVersion").equals("v1");
    }

    private static ObjectValue kindOf(Value object) {
        String apiVersion = Fields.string(object, "apiVersion");
        return ObjectValue.of("group", StringValue.of(Fields.group(apiVersion)),
                "version", StringValue.of(Fields.version(apiVersion)),
                "kind", StringValue.of(Fields.string(object, "kind")));
    }
}
