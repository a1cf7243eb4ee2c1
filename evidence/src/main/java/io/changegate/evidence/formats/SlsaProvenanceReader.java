package io.changegate.evidence.formats;

import com.fasterxml.jackson.databind.JsonNode;
import io.changegate.evidence.model.EvidenceKind;
import io.changegate.evidence.model.Provenance;
import io.changegate.evidence.model.Subject;

import java.util.ArrayList;
import java.util.List;

/**
 * SLSA provenance predicates v0.1, v0.2 and v1, bare or inside an in-toto Statement. The source
 * is v0.2's {@code invocation.configSource}, v0.1's {@code recipe.definedInMaterial}, or v1's
 * first resolved dependency with a git commit (else the first one).
 */
final class SlsaProvenanceReader implements FormatReader {
    private static final String PREFIX = "https://slsa.dev/provenance/";

    @Override
    public List<String> names() {
        return List.of("slsa-provenance", "provenance", "slsa");
    }

    @Override
    public boolean acceptsPredicateType(String predicateType) {
        return predicateType.startsWith(PREFIX);
    }

    @Override
    public boolean recognises(Source source) throws EvidenceFormatException {
        if (source.syntax() == Source.Syntax.XML) {
            return false;
        }
        JsonNode root = source.json();
        return root.isObject() && (root.has("buildDefinition") && root.has("runDetails")
                || root.has("builder") && (root.has("buildType") || root.has("recipe")));
    }

    @Override
    public ParsedEvidence read(Source source) throws EvidenceFormatException {
        JsonView predicate = source.root().requireObject();
        String declared = source.predicateType();
        List<Subject> subjects = subjects(source);
        if (predicate.has("buildDefinition") || declared != null && declared.startsWith(PREFIX + "v1")) {
            return readV1(predicate, subjects);
        }
        if (predicate.has("recipe") || declared != null && declared.equals(PREFIX + "v0.1")) {
            return readV01(predicate, subjects);
        }
        return readV02(predicate, subjects);
    }

    private ParsedEvidence readV1(JsonView p, List<Subject> subjects) throws EvidenceFormatException {
        JsonView definition = p.requireObject("buildDefinition");
        JsonView run = p.requireObject("runDetails");
        String buildType = definition.requireText("buildType");
        String builderId = run.requireObject("builder").requireText("id");
        List<Provenance.ResourceRef> materials = new ArrayList<>();
        for (JsonView dependency : definition.array("resolvedDependencies")) {
            materials.add(new Provenance.ResourceRef(dependency.text("uri"), dependency.stringMap("digest")));
        }
        Provenance.ResourceRef source = materials.stream().filter(m -> m.digest().containsKey("gitCommit")).findFirst()
                .orElse(materials.isEmpty() ? null : materials.getFirst());
        JsonView metadata = run.get("metadata");
        return Predicates.parsed(EvidenceKind.PROVENANCE, "slsa-provenance-v1",
                new Provenance("1", PREFIX + "v1", builderId, buildType, source, materials, metadata.text("invocationId"),
                        metadata.text("startedOn"), metadata.text("finishedOn"), subjects));
    }

    private ParsedEvidence readV02(JsonView p, List<Subject> subjects) throws EvidenceFormatException {
        String builderId = p.requireObject("builder").requireText("id");
        String buildType = p.requireText("buildType");
        List<Provenance.ResourceRef> materials = materials(p);
        JsonView configSource = p.get("invocation").get("configSource");
        Provenance.ResourceRef source = configSource.text("uri") != null
                ? new Provenance.ResourceRef(configSource.text("uri"), configSource.stringMap("digest"))
                : materials.isEmpty() ? null : materials.getFirst();
        JsonView metadata = p.get("metadata");
        return Predicates.parsed(EvidenceKind.PROVENANCE, "slsa-provenance-v0.2",
                new Provenance("0.2", PREFIX + "v0.2", builderId, buildType, source, materials,
                        metadata.text("buildInvocationId"), metadata.text("buildStartedOn"), metadata.text("buildFinishedOn"), subjects));
    }

    private ParsedEvidence readV01(JsonView p, List<Subject> subjects) throws EvidenceFormatException {
        String builderId = p.requireObject("builder").requireText("id");
        JsonView recipe = p.requireObject("recipe");
        List<Provenance.ResourceRef> materials = materials(p);
        Integer index = recipe.integer("definedInMaterial");
        Provenance.ResourceRef source = index != null && index >= 0 && index < materials.size() ? materials.get(index)
                : materials.isEmpty() ? null : materials.getFirst();
        JsonView metadata = p.get("metadata");
        return Predicates.parsed(EvidenceKind.PROVENANCE, "slsa-provenance-v0.1",
                new Provenance("0.1", PREFIX + "v0.1", builderId, recipe.requireText("type"), source, materials,
                        metadata.text("buildInvocationId"), metadata.text("buildStartedOn"), metadata.text("buildFinishedOn"), subjects));
    }

    private static List<Provenance.ResourceRef> materials(JsonView p) throws EvidenceFormatException {
        List<Provenance.ResourceRef> materials = new ArrayList<>();
        for (JsonView material : p.array("materials")) {
            materials.add(new Provenance.ResourceRef(material.text("uri"), material.stringMap("digest")));
        }
        return materials;
    }

    static List<Subject> subjects(Source source) throws EvidenceFormatException {
        List<Subject> subjects = new ArrayList<>();
        for (JsonView subject : source.statementSubjects()) {
            subject.requireObject();
            subjects.add(new Subject(subject.text("name"), subject.stringMap("digest")));
        }
        return subjects;
    }
}
