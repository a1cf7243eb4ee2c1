package io.changegate.constraints;

import io.changegate.constraints.yaml.KubeYaml;
import io.changegate.rego.value.ObjectValue;
import io.changegate.rego.value.Value;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Kubernetes objects from files: every document, with {@code kind: List} ({@code kubectl get -o json}) expanded. */
public final class Manifests {
    private Manifests() {
    }

    /** One object and where it was read from. */
    public record Located(ObjectValue object, String where) {
    }

    /**
     * Every object in a YAML or JSON file; lists ({@code kind: List} or {@code *List} with {@code items}) are expanded.
     *
     * @throws io.changegate.constraints.yaml.ManifestException when the file is not YAML/JSON or a document is not an object
     */
    public static List<Located> read(Path file) throws IOException {
        List<Located> out = new ArrayList<>();
        for (KubeYaml.Document doc : KubeYaml.readFile(file)) {
            addObjects(doc.value(), doc.where(), out);
        }
        return out;
    }

    /** Adds the objects a document holds (itself, or a list's items). */
    public static void addObjects(Value doc, String where, List<Located> out) {
        if (!(doc instanceof ObjectValue o)) {
            throw new io.changegate.constraints.yaml.ManifestException(where + ": expected a Kubernetes object, found "
                    + doc.typeName());
        }
        if (Fields.string(o, "kind").endsWith("List") && Fields.at(o, "items") != null) {
            List<Value> items = Fields.list(o, "items");
            for (int i = 0; i < items.size(); i++) {
                addObjects(items.get(i), where + " items[" + i + "]", out);
            }
            return;
        }
        out.add(new Located(o, where));
    }
}
