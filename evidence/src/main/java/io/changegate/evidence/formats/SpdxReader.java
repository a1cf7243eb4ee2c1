package io.changegate.evidence.formats;

import com.fasterxml.jackson.databind.JsonNode;
import io.changegate.evidence.model.Component;
import io.changegate.evidence.model.Dependency;
import io.changegate.evidence.model.EvidenceKind;
import io.changegate.evidence.model.Hash;
import io.changegate.evidence.model.Sbom;
import io.changegate.evidence.model.Tool;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * SPDX 2.2/2.3 JSON and SPDX 3.0 JSON-LD documents. Packages become components (files do not);
 * DEPENDS_ON and *_DEPENDENCY_OF relationships (3.0: {@code dependsOn}) become the dependency graph.
 */
final class SpdxReader implements FormatReader {
    /** Package fields SPDX 2.3 introduced; a document declaring 2.2 must not use them. */
    private static final List<String> FIELDS_SINCE_2_3 = List.of("primaryPackagePurpose", "releaseDate", "builtDate", "validUntilDate");
    private static final Set<String> SPDX3_PACKAGE_TYPES = Set.of("software_Package", "ai_AIPackage", "dataset_DatasetPackage");

    @Override
    public List<String> names() {
        return List.of("spdx");
    }

    @Override
    public boolean acceptsPredicateType(String predicateType) {
        return predicateType.startsWith("https://spdx.dev/Document");
    }

    @Override
    public boolean recognises(Source source) throws EvidenceFormatException {
        if (source.syntax() == Source.Syntax.XML) {
            return false;
        }
        JsonNode root = source.json();
        return root.isObject() && (root.has("spdxVersion") || isSpdx3(root));
    }

    private static boolean isSpdx3(JsonNode root) {
        return root.path("@context").toString().contains("spdx.org/rdf/3") && root.has("@graph");
    }

    @Override
    public ParsedEvidence read(Source source) throws EvidenceFormatException {
        JsonView root = source.root().requireObject();
        return isSpdx3(root.node()) ? readSpdx3(root) : readSpdx2(root);
    }

    // ---------------------------------------------------------------- SPDX 2.x

    private ParsedEvidence readSpdx2(JsonView doc) throws EvidenceFormatException {
        String version = doc.requireText("spdxVersion");
        if (!version.equals("SPDX-2.2") && !version.equals("SPDX-2.3")) {
            throw doc.get("spdxVersion").expected("\"SPDX-2.2\" or \"SPDX-2.3\"", doc.get("spdxVersion").node());
        }
        doc.requireText("SPDXID");
        JsonView creationInfo = doc.requireObject("creationInfo");
        List<Tool> tools = new ArrayList<>();
        for (JsonView creator : creationInfo.requireArray("creators")) {
            String text = creator.text();
            if (text == null || !creator.node().isTextual()) {
                throw creator.expected("a creator string such as \"Tool: syft-0.90.0\"", creator.node());
            }
            if (text.startsWith("Tool:")) {
                tools.add(new Tool(null, text.substring(5).trim(), null));
            }
        }
        List<Component> components = new ArrayList<>();
        for (JsonView pkg : doc.array("packages")) {
            pkg.requireObject();
            if (version.equals("SPDX-2.2")) {
                for (String field : FIELDS_SINCE_2_3) {
                    if (pkg.has(field)) {
                        throw pkg.get(field).problem("field \"" + field + "\" exists only since SPDX-2.3, but the document declares "
                                + version + "; expected spdxVersion \"SPDX-2.3\" or no such field");
                    }
                }
            }
            if (pkg.has("filesAnalyzed") && !pkg.get("filesAnalyzed").node().isBoolean()) {
                throw pkg.get("filesAnalyzed").expected("a boolean", pkg.get("filesAnalyzed").node());
            }
            String purl = null;
            List<String> cpes = new ArrayList<>();
            for (JsonView ref : pkg.array("externalRefs")) {
                String type = ref.text("referenceType");
                String locator = ref.text("referenceLocator");
                if (type == null || locator == null) {
                    continue;
                }
                if (type.equals("purl") && purl == null) {
                    purl = locator;
                } else if (type.startsWith("cpe")) {
                    cpes.add(locator);
                }
            }
            List<Hash> hashes = new ArrayList<>();
            for (JsonView checksum : pkg.array("checksums")) {
                if (checksum.text("algorithm") != null && checksum.text("checksumValue") != null) {
                    hashes.add(Hash.of(checksum.text("algorithm"), checksum.text("checksumValue")));
                }
            }
            String license = meaningful(pkg.text("licenseConcluded")) != null ? meaningful(pkg.text("licenseConcluded"))
                    : meaningful(pkg.text("licenseDeclared"));
            String supplier = party(meaningful(pkg.text("supplier")) != null ? pkg.text("supplier") : pkg.text("originator"));
            components.add(new Component(pkg.requireText("SPDXID"), pkg.text("primaryPackagePurpose"), null,
                    pkg.requireText("name"), pkg.text("versionInfo"), purl, cpes,
                    license == null ? List.of() : List.of(license), hashes, supplier));
        }
        Set<String> packageIds = new LinkedHashSet<>();
        components.forEach(c -> packageIds.add(c.ref()));
        Map<String, List<String>> graph = new LinkedHashMap<>();
        for (JsonView relationship : doc.array("relationships")) {
            String type = relationship.text("relationshipType");
            String from = relationship.text("spdxElementId");
            String to = relationship.text("relatedSpdxElement");
            if (type == null || from == null || to == null) {
                throw relationship.problem("expected spdxElementId, relationshipType and relatedSpdxElement");
            }
            if (type.equals("DEPENDS_ON")) {
                link(graph, packageIds, from, to);
            } else if (type.endsWith("DEPENDENCY_OF")) {
                link(graph, packageIds, to, from);
            }
        }
        Component subject = null;
        List<String> described = doc.texts("documentDescribes");
        for (JsonView relationship : doc.array("relationships")) {
            if ("DESCRIBES".equals(relationship.text("relationshipType"))) {
                described.add(relationship.text("relatedSpdxElement"));
            }
        }
        for (Component c : components) {
            if (subject == null && described.contains(c.ref())) {
                subject = c;
            }
        }
        return Predicates.parsed(EvidenceKind.SBOM, "spdx-" + version.substring(5) + "-json",
                Sbom.of("spdx", version, doc.text("documentNamespace"), subject, tools, components, dependencies(graph), List.of()));
    }

    // ---------------------------------------------------------------- SPDX 3.0

    private ParsedEvidence readSpdx3(JsonView doc) throws EvidenceFormatException {
        String context = doc.get("@context").node().toString();
        int at = context.indexOf("spdx.org/rdf/");
        String version = context.substring(at + "spdx.org/rdf/".length()).replaceAll("[/\"].*$", "");
        List<JsonView> graph = doc.requireArray("@graph");
        Map<String, JsonView> byId = new HashMap<>();
        for (JsonView element : graph) {
            element.requireObject();
            String id = element.text("spdxId") != null ? element.text("spdxId") : element.text("@id");
            if (id != null) {
                byId.put(id, element);
            }
        }
        Map<String, List<String>> licensesByElement = new HashMap<>();
        Map<String, List<String>> concluded = new HashMap<>();
        List<JsonView> relationships = new ArrayList<>();
        for (JsonView element : graph) {
            String type = element.text("type");
            if (type == null) {
                throw element.get("type").expected("the element's type", element.get("type").node());
            }
            if (type.endsWith("Relationship")) {
                relationships.add(element);
                String kind = element.text("relationshipType");
                if ("hasDeclaredLicense".equals(kind) || "hasConcludedLicense".equals(kind)) {
                    Map<String, List<String>> target = kind.equals("hasConcludedLicense") ? concluded : licensesByElement;
                    for (String to : element.texts("to")) {
                        String expression = licenseText(byId.get(to), to);
                        if (expression != null) {
                            target.computeIfAbsent(element.text("from"), k -> new ArrayList<>()).add(expression);
                        }
                    }
                }
            }
        }
        List<Tool> tools = new ArrayList<>();
        List<Component> components = new ArrayList<>();
        for (JsonView element : graph) {
            String type = element.text("type");
            if (type.equals("Tool")) {
                tools.add(new Tool(null, element.text("name"), null));
            }
            if (!SPDX3_PACKAGE_TYPES.contains(type)) {
                continue;
            }
            String id = element.requireText("spdxId");
            String purl = element.text("software_packageUrl");
            List<String> cpes = new ArrayList<>();
            for (JsonView identifier : element.array("externalIdentifier")) {
                String kind = identifier.text("externalIdentifierType");
                if ("packageUrl".equals(kind) && purl == null) {
                    purl = identifier.text("identifier");
                } else if (kind != null && kind.startsWith("cpe")) {
                    cpes.add(identifier.text("identifier"));
                }
            }
            List<Hash> hashes = new ArrayList<>();
            for (JsonView integrity : element.array("verifiedUsing")) {
                if ("Hash".equals(integrity.text("type")) && integrity.text("algorithm") != null && integrity.text("hashValue") != null) {
                    hashes.add(Hash.of(integrity.text("algorithm"), integrity.text("hashValue")));
                }
            }
            List<String> licenses = concluded.getOrDefault(id, licensesByElement.getOrDefault(id, List.of()));
            String supplierRef = element.text("suppliedBy");
            JsonView supplier = supplierRef == null ? null : byId.get(supplierRef);
            components.add(new Component(id, type.equals("software_Package") ? element.text("software_primaryPurpose") : type,
                    null, element.requireText("name"), element.text("software_packageVersion"), purl, cpes, licenses, hashes,
                    supplier == null ? supplierRef : supplier.text("name")));
        }
        Set<String> packageIds = new LinkedHashSet<>();
        components.forEach(c -> packageIds.add(c.ref()));
        Map<String, List<String>> dependencyGraph = new LinkedHashMap<>();
        Component subject = null;
        for (JsonView relationship : relationships) {
            String kind = relationship.text("relationshipType");
            String from = relationship.text("from");
            for (String to : relationship.texts("to")) {
                if ("dependsOn".equals(kind)) {
                    link(dependencyGraph, packageIds, from, to);
                } else if ("describes".equals(kind) && subject == null) {
                    subject = components.stream().filter(c -> c.ref().equals(to)).findFirst().orElse(null);
                }
            }
        }
        String documentId = null;
        for (JsonView element : graph) {
            if ("SpdxDocument".equals(element.text("type"))) {
                documentId = element.text("spdxId");
            }
        }
        return Predicates.parsed(EvidenceKind.SBOM, "spdx-" + version + "-jsonld",
                Sbom.of("spdx", "SPDX-" + version, documentId, subject, tools, components, dependencies(dependencyGraph), List.of()));
    }

    private static String licenseText(JsonView license, String reference) {
        if (license == null) {
            // Listed licences may be referenced by IRI only, e.g. https://spdx.org/licenses/MIT.
            int slash = reference.lastIndexOf('/');
            return reference.startsWith("https://spdx.org/licenses/") ? reference.substring(slash + 1) : null;
        }
        String expression = license.text("simplelicensing_licenseExpression");
        return expression != null ? expression : license.text("name");
    }

    // ---------------------------------------------------------------- shared

    private static void link(Map<String, List<String>> graph, Set<String> packages, String from, String to) {
        if (packages.contains(from) && packages.contains(to)) {
            List<String> targets = graph.computeIfAbsent(from, k -> new ArrayList<>());
            if (!targets.contains(to)) {
                targets.add(to);
            }
        }
    }

    private static List<Dependency> dependencies(Map<String, List<String>> graph) {
        List<Dependency> out = new ArrayList<>();
        graph.forEach((ref, targets) -> out.add(new Dependency(ref, targets)));
        return out;
    }

    private static String meaningful(String value) {
        return value == null || value.equals("NOASSERTION") || value.equals("NONE") ? null : value;
    }

    /** "Organization: Acme (x@y)" → "Acme"; NOASSERTION → null. */
    private static String party(String value) {
        String text = meaningful(value);
        if (text == null) {
            return null;
        }
        int colon = text.indexOf(':');
        if (colon > 0 && (text.startsWith("Organization") || text.startsWith("Person") || text.startsWith("Tool"))) {
            text = text.substring(colon + 1).trim();
        }
        int email = text.indexOf(" (");
        return email > 0 ? text.substring(0, email).trim() : text;
    }
}
