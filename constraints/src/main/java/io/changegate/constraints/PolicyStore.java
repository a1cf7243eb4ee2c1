package io.changegate.constraints;

import io.changegate.constraints.yaml.KubeYaml;
import io.changegate.constraints.yaml.ManifestException;
import io.changegate.rego.value.Value;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

/**
 * The live policy set of a server: templates and constraints from a directory (GitOps style) and
 * from the REST API, swapped atomically so that requests in flight keep the set they started with.
 *
 * <p>A template that fails to compile, or a constraint that fails validation, is rejected with its
 * error and the version previously loaded under the same name keeps serving.
 */
public final class PolicyStore {
    private final AtomicReference<PolicySet> current = new AtomicReference<>(PolicySet.EMPTY);
    private final Map<String, KubeYaml.Document> applied = new LinkedHashMap<>();
    private List<KubeYaml.Document> directoryDocs = List.of();

    /** The set to evaluate now. */
    public PolicySet current() {
        return current.get();
    }

    /** What a load or an apply did: how many templates and constraints serve, and what was rejected. */
    public record LoadReport(int templates, int constraints, List<String> errors) {
        public LoadReport {
            errors = List.copyOf(errors);
        }
    }

    /** Reads every {@code .yaml}, {@code .yml} and {@code .json} file under a directory, sorted by path. */
    public static List<KubeYaml.Document> readDirectory(Path dir, List<String> errors) throws IOException {
        List<KubeYaml.Document> docs = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dir)) {
            files = walk.filter(Files::isRegularFile).filter(f -> isManifest(dir, f)).sorted().toList();
        }
        for (Path f : files) {
            try {
                docs.addAll(KubeYaml.readFile(f));
            } catch (ManifestException e) {
                errors.add(e.getMessage());
            }
        }
        return docs;
    }

    /** YAML and JSON files, skipping hidden paths (such as a ConfigMap volume's {@code ..data} copies). */
    static boolean isManifest(Path dir, Path f) {
        for (Path part : dir.relativize(f)) {
            if (part.toString().startsWith(".")) {
                return false;
            }
        }
        String n = f.getFileName().toString();
        return n.endsWith(".yaml") || n.endsWith(".yml") || n.endsWith(".json");
    }

    /** Replaces the directory's manifests with a new reading of the directory. */
    public synchronized LoadReport loadDirectory(Path dir) throws IOException {
        List<String> errors = new ArrayList<>();
        directoryDocs = readDirectory(dir, errors);
        return rebuild(errors);
    }

    /**
     * Applies one manifest (a ConstraintTemplate or a constraint) as the REST API receives it.
     *
     * @throws ConstraintException when it is rejected; the serving set is then unchanged
     */
    public synchronized LoadReport apply(KubeYaml.Document doc) {
        Value v = doc.value();
        PolicySet set = current.get();
        if (ConstraintTemplate.isTemplate(v)) {
            ConstraintTemplate t = ConstraintTemplate.parse(v, doc.where());
            current.set(set.withTemplate(t));
            applied.put("template/" + t.kind(), doc);
        } else if (Constraint.isConstraint(v)) {
            Constraint c = Constraint.parse(v, doc.where());
            current.set(set.withConstraint(c, doc.where()));
            applied.put("constraint/" + c.kind() + "/" + c.name(), doc);
        } else {
            throw new ConstraintException(doc.where() + ": expected a ConstraintTemplate (templates.gatekeeper.sh)"
                    + " or a constraint (constraints.gatekeeper.sh), found apiVersion \""
                    + Fields.string(v, "apiVersion") + "\", kind \"" + Fields.string(v, "kind") + "\"");
        }
        PolicySet now = current.get();
        return new LoadReport(now.templates().size(), now.constraints().size(), List.of());
    }

    /** Removes a template applied through the API (with its constraints); false when there was none. */
    public synchronized boolean deleteTemplate(String kind) {
        boolean had = current.get().template(kind) != null;
        applied.keySet().removeIf(k -> k.equals("template/" + kind) || k.startsWith("constraint/" + kind + "/"));
        current.set(current.get().withoutTemplate(kind));
        return had;
    }

    /** Removes a constraint; false when there was none. */
    public synchronized boolean deleteConstraint(String kind, String name) {
        boolean had = current.get().constraint(kind, name) != null;
        applied.remove("constraint/" + kind + "/" + name);
        current.set(current.get().withoutConstraint(kind, name));
        return had;
    }

    private LoadReport rebuild(List<String> errors) {
        PolicySet previous = current.get();
        List<KubeYaml.Document> docs = new ArrayList<>(directoryDocs);
        docs.addAll(applied.values());
        PolicySet set = PolicySet.EMPTY;
        List<KubeYaml.Document> constraintDocs = new ArrayList<>();
        for (KubeYaml.Document doc : docs) {
            if (ConstraintTemplate.isTemplate(doc.value())) {
                String kind = Fields.string(doc.value(), "spec", "crd", "spec", "names", "kind");
                try {
                    set = set.withTemplate(ConstraintTemplate.parse(doc.value(), doc.where()));
                } catch (ConstraintException e) {
                    CompiledTemplate old = previous.template(kind);
                    errors.add(e.getMessage() + (old == null ? "" : "\n(the previous version of " + kind + " keeps serving)"));
                    if (old != null) {
                        set = set.withCompiled(old);
                    }
                }
            } else if (Constraint.isConstraint(doc.value())) {
                constraintDocs.add(doc);
            }
        }
        for (KubeYaml.Document doc : constraintDocs) {
            try {
                set = set.withConstraint(Constraint.parse(doc.value(), doc.where()), doc.where());
            } catch (ConstraintException e) {
                Constraint old = previous.constraint(Fields.string(doc.value(), "kind"),
                        Fields.string(doc.value(), "metadata", "name"));
                errors.add(e.getMessage() + (old == null ? "" : "\n(the previous version keeps serving)"));
                if (old != null && set.template(old.kind()) != null) {
                    try {
                        set = set.withConstraint(old, doc.where());
                    } catch (ConstraintException ignored) {
                        // The old constraint no longer fits its template either: it is dropped.
                    }
                }
            }
        }
        current.set(set.withInventory(previous.inventory()));
        return new LoadReport(set.templates().size(), set.constraints().size(), errors);
    }
}
