package io.changegate.constraints;

import io.changegate.rego.ast.RegoVersion;
import io.changegate.rego.value.ObjectValue;
import io.changegate.rego.value.StringValue;
import io.changegate.rego.value.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A Gatekeeper ConstraintTemplate ({@code templates.gatekeeper.sh/v1}, {@code v1beta1}): the kind of
 * constraint it defines, the schema of that kind's parameters, and the Rego that finds violations.
 *
 * <p>Templates whose target carries {@code code[]} engines are accepted: the {@code Rego} engine's
 * source is used and CEL ({@code K8sNativeValidation}) is ignored, as Gatekeeper does with its CEL
 * driver off. Rego is v0 unless the source says {@code version: v1}.
 *
 * @param name         {@code metadata.name}, the lowercase of {@code kind}
 * @param kind         the constraint kind, {@code spec.crd.spec.names.kind}
 * @param schema       {@code openAPIV3Schema} for {@code spec.parameters}, or null when none is given
 * @param rego         the target's main Rego module
 * @param libs         library modules ({@code package lib.…}) the main module may import
 * @param regoVersion  the Rego dialect of all sources
 * @param source       where the template was read from, for messages
 */
public record ConstraintTemplate(String name, String kind, ObjectValue schema, String rego, List<String> libs,
                                 RegoVersion regoVersion, String source) {
    /** The only target Changegate implements: Kubernetes admission. */
    public static final String TARGET = "admission.k8s.gatekeeper.sh";
    private static final Set<String> API_VERSIONS = Set.of(
            "templates.gatekeeper.sh/v1", "templates.gatekeeper.sh/v1beta1", "templates.gatekeeper.sh/v1alpha1");

    public ConstraintTemplate {
        libs = List.copyOf(libs);
    }

    /** Whether a manifest is a ConstraintTemplate (by kind and API group). */
    public static boolean isTemplate(Value manifest) {
        return Fields.string(manifest, "kind").equals("ConstraintTemplate")
                && Fields.string(manifest, "apiVersion").startsWith("templates.gatekeeper.sh/");
    }

    /**
     * Reads a ConstraintTemplate manifest.
     *
     * @param where names the manifest in errors, e.g. {@code templates/repos.yaml:1}
     * @throws ConstraintException naming the field that is missing or wrong
     */
    public static ConstraintTemplate parse(Value manifest, String where) {
        String apiVersion = Fields.string(manifest, "apiVersion");
        if (!API_VERSIONS.contains(apiVersion) || !Fields.string(manifest, "kind").equals("ConstraintTemplate")) {
            throw new ConstraintException(where + ": not a ConstraintTemplate (apiVersion " + quote(apiVersion)
                    + ", kind " + quote(Fields.string(manifest, "kind")) + "); expected templates.gatekeeper.sh/v1");
        }
        String name = Fields.string(manifest, "metadata", "name");
        if (name.isEmpty()) {
            throw new ConstraintException(where + ": metadata.name is required");
        }
        String at = where + " (ConstraintTemplate " + name + ")";
        String kind = Fields.string(manifest, "spec", "crd", "spec", "names", "kind");
        if (kind.isEmpty()) {
            throw new ConstraintException(at + ": spec.crd.spec.names.kind is required");
        }
        if (!name.equals(kind.toLowerCase(Locale.ROOT))) {
            throw new ConstraintException(at + ": metadata.name must be the lowercase of spec.crd.spec.names.kind ("
                    + kind.toLowerCase(Locale.ROOT) + ")");
        }
        Value schemaValue = Fields.at(manifest, "spec", "crd", "spec", "validation", "openAPIV3Schema");
        if (schemaValue == null) {
            schemaValue = Fields.at(manifest, "spec", "crd", "spec", "validation", "legacySchema");
        }
        if (schemaValue != null && !(schemaValue instanceof ObjectValue)) {
            throw new ConstraintException(at + ": spec.crd.spec.validation.openAPIV3Schema must be an object");
        }
        List<Value> targets = Fields.list(manifest, "spec", "targets");
        if (targets.size() != 1) {
            throw new ConstraintException(at + ": spec.targets must have exactly one target, found " + targets.size());
        }
        Value target = targets.get(0);
        String targetName = Fields.string(target, "target");
        if (!targetName.equals(TARGET)) {
            throw new ConstraintException(at + ": spec.targets[0].target must be " + TARGET + ", found " + quote(targetName));
        }
        Value regoSource = target;
        String field = "spec.targets[0]";
        if (Fields.string(target, "rego").isEmpty()) {
            regoSource = null;
            List<Value> code = Fields.list(target, "code");
            for (int i = 0; i < code.size(); i++) {
                if (Fields.string(code.get(i), "engine").equals("Rego")) {
                    regoSource = Fields.at(code.get(i), "source");
                    field = "spec.targets[0].code[" + i + "].source";
                }
            }
            if (regoSource == null || Fields.string(regoSource, "rego").isEmpty()) {
                throw new ConstraintException(at + ": spec.targets[0] has no Rego (neither rego nor a code entry with"
                        + " engine: Rego); Changegate evaluates Rego only, CEL-only templates are not supported");
            }
        }
        List<String> libs = new ArrayList<>();
        List<Value> libValues = Fields.list(regoSource, "libs");
        for (int i = 0; i < libValues.size(); i++) {
            if (!(libValues.get(i) instanceof StringValue s)) {
                throw new ConstraintException(at + ": " + field + ".libs[" + i + "] must be a string of Rego");
            }
            libs.add(s.value());
        }
        String version = Fields.string(regoSource, "version");
        RegoVersion regoVersion = switch (version) {
            case "", "v0" -> RegoVersion.V0;
            case "v1" -> RegoVersion.V1;
            default -> throw new ConstraintException(at + ": " + field + ".version must be v0 or v1, found " + quote(version));
        };
        return new ConstraintTemplate(name, kind, (ObjectValue) schemaValue, Fields.string(regoSource, "rego"), libs,
                regoVersion, where);
    }

    private static String quote(String s) {
        return "\"" + s + "\"";
    }
}
