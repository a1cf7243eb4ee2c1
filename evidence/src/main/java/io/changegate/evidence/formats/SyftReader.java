package io.changegate.evidence.formats;

import com.fasterxml.jackson.databind.JsonNode;
import io.changegate.evidence.model.Component;
import io.changegate.evidence.model.Dependency;
import io.changegate.evidence.model.EvidenceKind;
import io.changegate.evidence.model.Hash;
import io.changegate.evidence.model.Sbom;
import io.changegate.evidence.model.Tool;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Syft's native JSON (schema 1.x to 16.x, and current snapshots without a schema block).
 * A {@code dependency-of} relationship reads "parent is a dependency of child".
 */
final class SyftReader implements FormatReader {
    @Override
    public List<String> names() {
        return List.of("syft");
    }

    @Override
    public boolean acceptsPredicateType(String predicateType) {
        return predicateType.startsWith("https://syft.dev/bom");
    }

    @Override
    public boolean recognises(Source source) throws EvidenceFormatException {
        if (source.syntax() == Source.Syntax.XML) {
            return false;
        }
        JsonNode root = source.json();
        return root.isObject() && root.path("artifacts").isArray()
                && (root.has("artifactRelationships") || root.path("descriptor").path("name").asText().equals("syft")
                || root.path("schema").path("url").asText().contains("syft"));
    }

    @Override
    public ParsedEvidence read(Source source) throws EvidenceFormatException {
        JsonView doc = source.root().requireObject();
        List<JsonView> artifacts = doc.requireArray("artifacts");
        doc.requireObject("source");
        String schemaVersion = doc.get("schema").text("version");
        JsonView descriptor = doc.get("descriptor");
        List<Tool> tools = descriptor.text("name") == null ? List.of()
                : List.of(new Tool("anchore", descriptor.text("name"), descriptor.text("version")));
        List<Component> components = new ArrayList<>();
        for (JsonView artifact : artifacts) {
            artifact.requireObject();
            List<String> licenses = new ArrayList<>();
            for (JsonView license : artifact.array("licenses")) {
                String text = license.node().isTextual() ? license.text()
                        : license.text("spdxExpression") != null ? license.text("spdxExpression") : license.text("value");
                if (text != null) {
                    licenses.add(text);
                }
            }
            List<String> cpes = new ArrayList<>();
            for (JsonView cpe : artifact.array("cpes")) {
                String text = cpe.node().isTextual() ? cpe.text() : cpe.text("cpe");
                if (text != null) {
                    cpes.add(text);
                }
            }
            List<Hash> hashes = new ArrayList<>();
            for (JsonView digest : artifact.get("metadata").array("digest")) {
                if (digest.text("algorithm") != null && digest.text("value") != null) {
                    hashes.add(Hash.of(digest.text("algorithm"), digest.text("value")));
                }
            }
            JsonView metadata = artifact.get("metadata");
            String supplier = metadata.text("maintainer") != null ? metadata.text("maintainer") : metadata.text("author");
            components.add(new Component(artifact.text("id"), artifact.text("type"), null, artifact.requireText("name"),
                    artifact.text("version"), artifact.text("purl"), cpes, licenses, hashes, supplier));
        }
        Map<String, List<String>> graph = new LinkedHashMap<>();
        for (JsonView relationship : doc.array("artifactRelationships")) {
            if ("dependency-of".equals(relationship.text("type"))) {
                String dependency = relationship.requireText("parent");
                String dependent = relationship.requireText("child");
                List<String> targets = graph.computeIfAbsent(dependent, k -> new ArrayList<>());
                if (!targets.contains(dependency)) {
                    targets.add(dependency);
                }
            }
        }
        List<Dependency> dependencies = new ArrayList<>();
        graph.forEach((ref, targets) -> dependencies.add(new Dependency(ref, targets)));
        JsonView target = doc.get("source").get("target");
        Component subject = null;
        String subjectName = target.isObject() ? target.text("userInput") : target.text();
        if (subjectName != null) {
            subject = new Component(doc.get("source").text("id"), doc.get("source").text("type"), null, subjectName,
                    target.isObject() ? target.text("manifestDigest") : null, null, List.of(), List.of(), List.of(), null);
        }
        return Predicates.parsed(EvidenceKind.SBOM, schemaVersion == null ? "syft-json" : "syft-" + schemaVersion + "-json",
                Sbom.of("syft", schemaVersion, null, subject, tools, components, dependencies, List.of()));
    }
}
