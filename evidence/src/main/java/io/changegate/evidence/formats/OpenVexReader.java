package io.changegate.evidence.formats;

import com.fasterxml.jackson.databind.JsonNode;
import io.changegate.evidence.model.EvidenceKind;
import io.changegate.evidence.model.VexDocument;
import io.changegate.evidence.model.VexStatus;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * OpenVEX documents (0.0.1 with plain-string vulnerabilities and products, 0.2.0 with objects and
 * subcomponents) and the pre-0.0.1 YAML {@code vex_attestation} form. A statement without its
 * own timestamp takes the document's.
 */
final class OpenVexReader implements FormatReader {
    private static final Set<String> JUSTIFICATIONS = Set.of("component_not_present", "vulnerable_code_not_present",
            "vulnerable_code_not_in_execute_path", "vulnerable_code_cannot_be_controlled_by_adversary",
            "inline_mitigations_already_exist");

    @Override
    public List<String> names() {
        return List.of("openvex", "vex");
    }

    @Override
    public boolean acceptsPredicateType(String predicateType) {
        return predicateType.startsWith("https://openvex.dev/ns");
    }

    @Override
    public boolean recognises(Source source) throws EvidenceFormatException {
        if (source.syntax() == Source.Syntax.XML) {
            return false;
        }
        JsonNode root = source.json();
        return root.isObject() && (root.path("@context").asText().startsWith("https://openvex.dev/ns")
                || "vex_attestation".equals(root.path("format").asText()));
    }

    @Override
    public ParsedEvidence read(Source source) throws EvidenceFormatException {
        JsonView doc = source.root().requireObject();
        String context = doc.text("@context");
        boolean legacyAttestation = "vex_attestation".equals(doc.text("format"));
        if (!legacyAttestation && (context == null || !context.startsWith("https://openvex.dev/ns"))) {
            throw doc.get("@context").expected("an OpenVEX context such as \"https://openvex.dev/ns/v0.2.0\"", doc.get("@context").node());
        }
        String documentTime = doc.text("timestamp");
        List<VexDocument.VexStatement> statements = new ArrayList<>();
        for (JsonView statement : doc.requireArray("statements")) {
            statement.requireObject();
            JsonView vulnerability = statement.get("vulnerability");
            String id;
            List<String> aliases = new ArrayList<>();
            if (vulnerability.node().isTextual()) {
                id = vulnerability.text();
            } else if (vulnerability.isObject()) {
                id = vulnerability.text("name") != null ? vulnerability.text("name") : vulnerability.text("@id");
                aliases.addAll(vulnerability.texts("aliases"));
            } else {
                id = null;
            }
            if (id == null) {
                throw vulnerability.expected("a vulnerability name, or an object with \"name\" or \"@id\"", vulnerability.node());
            }
            String statusText = statement.requireText("status");
            VexStatus status = VexStatus.fromText(statusText);
            if (status == null) {
                throw statement.get("status").expected("one of not_affected, affected, fixed, under_investigation",
                        statement.get("status").node());
            }
            String justification = statement.text("justification");
            if (justification != null && !JUSTIFICATIONS.contains(justification)) {
                throw statement.get("justification").expected("an OpenVEX justification such as vulnerable_code_not_present",
                        statement.get("justification").node());
            }
            List<VexDocument.Product> products = new ArrayList<>();
            for (JsonView product : statement.array("products")) {
                products.add(product(product));
            }
            // 0.0.1 put subcomponents beside the products, applying to each of them.
            List<String> looseSubcomponents = new ArrayList<>();
            for (JsonView sub : statement.array("subcomponents")) {
                looseSubcomponents.add(product(sub).id());
            }
            if (!looseSubcomponents.isEmpty()) {
                products.replaceAll(p -> new VexDocument.Product(p.id(), concat(p.subcomponents(), looseSubcomponents)));
            }
            String time = statement.text("timestamp") != null ? statement.text("timestamp") : documentTime;
            statements.add(new VexDocument.VexStatement(id, aliases, products, status, justification,
                    statement.text("impact_statement"), statement.text("action_statement"), time));
        }
        String version = context == null ? "vex_attestation"
                : context.contains("/ns/v") ? context.substring(context.indexOf("/ns/v") + 5) : "unversioned";
        return Predicates.parsed(EvidenceKind.VEX, "openvex-" + version + (source.syntax() == Source.Syntax.YAML ? "-yaml" : "-json"),
                new VexDocument(doc.text("@id") != null ? doc.text("@id") : doc.text("id"), doc.text("author"), doc.text("role"),
                        documentTime, doc.text("version"), statements));
    }

    private static VexDocument.Product product(JsonView product) throws EvidenceFormatException {
        if (product.node().isTextual()) {
            return new VexDocument.Product(product.text(), List.of());
        }
        product.requireObject();
        String id = product.text("@id");
        if (id == null) {
            id = product.get("identifiers").text("purl");
        }
        if (id == null) {
            throw product.get("@id").expected("a product identifier (\"@id\" or identifiers.purl)", product.get("@id").node());
        }
        List<String> subcomponents = new ArrayList<>();
        for (JsonView sub : product.array("subcomponents")) {
            subcomponents.add(product(sub).id());
        }
        return new VexDocument.Product(id, subcomponents);
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }
}
