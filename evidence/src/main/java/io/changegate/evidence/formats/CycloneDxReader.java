package io.changegate.evidence.formats;

import io.changegate.evidence.model.Component;
import io.changegate.evidence.model.Dependency;
import io.changegate.evidence.model.EvidenceKind;
import io.changegate.evidence.model.Hash;
import io.changegate.evidence.model.PackageRef;
import io.changegate.evidence.model.Sbom;
import io.changegate.evidence.model.Severity;
import io.changegate.evidence.model.Tool;
import io.changegate.evidence.model.VexDocument;
import io.changegate.evidence.model.VexStatus;
import io.changegate.evidence.model.Vulnerability;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * CycloneDX 1.x BOMs in JSON and XML. A BOM with components is an SBOM (embedded vulnerabilities
 * kept); a BOM with only analysed vulnerabilities is VEX.
 */
final class CycloneDxReader implements FormatReader {
    private static final String XML_NAMESPACE_PREFIX = "http://cyclonedx.org/schema/bom/";
    /** The schema's serialNumber pattern: an RFC 4122 URN UUID (or the braced form). */
    private static final Pattern SERIAL_NUMBER = Pattern.compile(
            "^urn:uuid:[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[1-5][0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}$"
                    + "|^\\{[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[1-5][0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}}$");
    private static final Pattern SPEC_VERSION = Pattern.compile("1\\.[0-9]");

    @Override
    public List<String> names() {
        return List.of("cyclonedx", "cdx");
    }

    @Override
    public boolean acceptsPredicateType(String predicateType) {
        return predicateType.startsWith("https://cyclonedx.org/bom") || predicateType.startsWith("https://cyclonedx.org/schema");
    }

    @Override
    public boolean recognises(Source source) throws EvidenceFormatException {
        if (source.syntax() == Source.Syntax.XML) {
            XmlElement root = source.xml();
            return root.name().equals("bom") && root.namespace().startsWith(XML_NAMESPACE_PREFIX);
        }
        return source.json().isObject() && "CycloneDX".equals(source.json().path("bomFormat").asText());
    }

    @Override
    public ParsedEvidence read(Source source) throws EvidenceFormatException {
        return source.syntax() == Source.Syntax.XML ? readXml(source) : readJson(source);
    }

    // ---------------------------------------------------------------- JSON

    private ParsedEvidence readJson(Source source) throws EvidenceFormatException {
        JsonView bom = source.root().requireObject();
        if (!"CycloneDX".equals(bom.text("bomFormat"))) {
            throw bom.get("bomFormat").expected("\"CycloneDX\"", bom.get("bomFormat").node());
        }
        String specVersion = bom.requireText("specVersion");
        if (!SPEC_VERSION.matcher(specVersion).matches()) {
            throw bom.get("specVersion").expected("a CycloneDX 1.x spec version such as \"1.6\"", bom.get("specVersion").node());
        }
        String serial = bom.text("serialNumber");
        if (bom.has("serialNumber") && (serial == null || !SERIAL_NUMBER.matcher(serial).matches())) {
            throw bom.get("serialNumber").expected("a URN UUID such as \"urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79\"",
                    bom.get("serialNumber").node());
        }
        JsonView metadata = bom.get("metadata");
        List<Tool> tools = new ArrayList<>();
        JsonView toolsNode = metadata.get("tools");
        if (toolsNode.isArray()) {
            for (JsonView tool : toolsNode.elements()) {
                tools.add(new Tool(tool.text("vendor"), tool.text("name"), tool.text("version")));
            }
        } else if (toolsNode.isObject()) {
            for (JsonView tool : toolsNode.array("components")) {
                tools.add(new Tool(tool.text("group"), tool.text("name"), tool.text("version")));
            }
            for (JsonView tool : toolsNode.array("services")) {
                tools.add(new Tool(tool.text("group"), tool.text("name"), tool.text("version")));
            }
        }
        Component subject = metadata.has("component") ? jsonComponent(metadata.get("component")) : null;
        List<Component> components = new ArrayList<>();
        collectJsonComponents(bom.array("components"), components);
        List<Dependency> dependencies = new ArrayList<>();
        for (JsonView dependency : bom.array("dependencies")) {
            dependencies.add(new Dependency(dependency.requireText("ref"), dependency.texts("dependsOn")));
        }
        List<RawVulnerability> raw = new ArrayList<>();
        for (JsonView vulnerability : bom.array("vulnerabilities")) {
            raw.add(jsonVulnerability(vulnerability));
        }
        return build(source, "json", specVersion, serial, subject, tools, components, dependencies, raw,
                metadata.text("timestamp"), bom.text("version"));
    }

    private void collectJsonComponents(List<JsonView> nodes, List<Component> into) throws EvidenceFormatException {
        for (JsonView node : nodes) {
            into.add(jsonComponent(node));
            collectJsonComponents(node.array("components"), into);
        }
    }

    private Component jsonComponent(JsonView c) throws EvidenceFormatException {
        c.requireObject();
        String name = c.requireText("name");
        List<String> licenses = new ArrayList<>();
        for (JsonView choice : c.array("licenses")) {
            if (choice.has("expression")) {
                licenses.add(choice.text("expression"));
            } else {
                JsonView license = choice.get("license");
                String id = license.text("id") != null ? license.text("id") : license.text("name");
                if (id != null) {
                    licenses.add(id);
                }
            }
        }
        List<Hash> hashes = new ArrayList<>();
        for (JsonView hash : c.array("hashes")) {
            if (hash.text("alg") != null && hash.text("content") != null) {
                hashes.add(Hash.of(hash.text("alg"), hash.text("content")));
            }
        }
        String supplier = c.get("supplier").text("name");
        if (supplier == null) {
            supplier = c.text("publisher") != null ? c.text("publisher") : c.text("author");
        }
        String cpe = c.text("cpe");
        return new Component(c.text("bom-ref"), c.text("type"), c.text("group"), name, c.text("version"),
                c.text("purl"), cpe == null ? List.of() : List.of(cpe), licenses, hashes, supplier);
    }

    private RawVulnerability jsonVulnerability(JsonView v) throws EvidenceFormatException {
        v.requireObject();
        String id = v.text("id");
        if (id == null) {
            throw v.get("id").expected("a vulnerability id", v.get("id").node());
        }
        List<Rating> ratings = new ArrayList<>();
        for (JsonView rating : v.array("ratings")) {
            ratings.add(new Rating(rating.get("source").text("name"), rating.number("score"), rating.text("severity"),
                    rating.text("method"), rating.text("vector")));
        }
        List<String> aliases = new ArrayList<>();
        for (JsonView reference : v.array("references")) {
            if (reference.text("id") != null) {
                aliases.add(reference.text("id"));
            }
        }
        List<String> affects = new ArrayList<>();
        for (JsonView affected : v.array("affects")) {
            affects.add(affected.requireText("ref"));
        }
        JsonView analysis = v.get("analysis");
        return new RawVulnerability(id, v.get("source").text("name"), aliases, v.text("description"), ratings, affects,
                analysis.text("state"), analysis.text("justification"), analysis.text("detail"));
    }

    // ---------------------------------------------------------------- XML

    private ParsedEvidence readXml(Source source) throws EvidenceFormatException {
        XmlElement bom = source.xml();
        if (!bom.name().equals("bom") || !bom.namespace().startsWith(XML_NAMESPACE_PREFIX)) {
            throw EvidenceFormatException.at(source.name(), bom.line(), bom.column(),
                    "expected a CycloneDX <bom> root element in namespace " + XML_NAMESPACE_PREFIX + "1.x, found <"
                            + bom.name() + "> in namespace \"" + bom.namespace() + "\"");
        }
        String specVersion = bom.namespace().substring(XML_NAMESPACE_PREFIX.length());
        String serial = bom.attr("serialNumber");
        if (bom.attributes().containsKey("serialNumber") && (serial == null || !SERIAL_NUMBER.matcher(serial).matches())) {
            throw EvidenceFormatException.at(source.name(), bom.line(), bom.column(),
                    "expected serialNumber to be a URN UUID, found \"" + serial + "\"");
        }
        XmlElement metadata = bom.child("metadata");
        List<Tool> tools = new ArrayList<>();
        Component subject = null;
        String timestamp = null;
        if (metadata != null) {
            timestamp = metadata.childText("timestamp");
            XmlElement toolsElement = metadata.child("tools");
            if (toolsElement != null) {
                for (XmlElement tool : toolsElement.children("tool")) {
                    tools.add(new Tool(tool.childText("vendor"), tool.childText("name"), tool.childText("version")));
                }
                for (XmlElement tool : toolsElement.children("components", "component")) {
                    tools.add(new Tool(tool.childText("group"), tool.childText("name"), tool.childText("version")));
                }
            }
            XmlElement component = metadata.child("component");
            subject = component == null ? null : xmlComponent(source, component);
        }
        List<Component> components = new ArrayList<>();
        collectXmlComponents(source, bom.children("components", "component"), components);
        List<Dependency> dependencies = new ArrayList<>();
        for (XmlElement dependency : bom.children("dependencies", "dependency")) {
            String ref = dependency.attr("ref");
            if (ref == null) {
                throw EvidenceFormatException.at(source.name(), dependency.line(), dependency.column(),
                        "expected a non-empty ref attribute on <dependency>");
            }
            List<String> dependsOn = new ArrayList<>();
            for (XmlElement child : dependency.children("dependency")) {
                if (child.attr("ref") != null) {
                    dependsOn.add(child.attr("ref"));
                }
            }
            dependencies.add(new Dependency(ref, dependsOn));
        }
        List<RawVulnerability> raw = new ArrayList<>();
        for (XmlElement v : bom.children("vulnerabilities", "vulnerability")) {
            List<Rating> ratings = new ArrayList<>();
            for (XmlElement rating : v.children("ratings", "rating")) {
                XmlElement ratingSource = rating.child("source");
                ratings.add(new Rating(ratingSource == null ? null : ratingSource.childText("name"),
                        parseDouble(rating.childText("score")), rating.childText("severity"), rating.childText("method"),
                        rating.childText("vector")));
            }
            List<String> affects = new ArrayList<>();
            for (XmlElement target : v.children("affects", "target")) {
                if (target.childText("ref") != null) {
                    affects.add(target.childText("ref"));
                }
            }
            XmlElement analysis = v.child("analysis");
            XmlElement vulnSource = v.child("source");
            String id = v.childText("id");
            if (id == null) {
                throw EvidenceFormatException.at(source.name(), v.line(), v.column(), "expected an <id> in <vulnerability>");
            }
            raw.add(new RawVulnerability(id, vulnSource == null ? null : vulnSource.childText("name"), List.of(),
                    v.childText("description"), ratings, affects,
                    analysis == null ? null : analysis.childText("state"),
                    analysis == null ? null : analysis.childText("justification"),
                    analysis == null ? null : analysis.childText("detail")));
        }
        return build(source, "xml", specVersion, serial, subject, tools, components, dependencies, raw, timestamp,
                bom.attr("version"));
    }

    private void collectXmlComponents(Source source, List<XmlElement> elements, List<Component> into) throws EvidenceFormatException {
        for (XmlElement element : elements) {
            into.add(xmlComponent(source, element));
            collectXmlComponents(source, element.children("components", "component"), into);
        }
    }

    private Component xmlComponent(Source source, XmlElement c) throws EvidenceFormatException {
        String name = c.childText("name");
        if (name == null) {
            throw EvidenceFormatException.at(source.name(), c.line(), c.column(), "expected a <name> in <component>");
        }
        List<String> licenses = new ArrayList<>();
        XmlElement licenseHolder = c.child("licenses");
        if (licenseHolder != null) {
            for (XmlElement choice : licenseHolder.children()) {
                if (choice.name().equals("expression") && choice.textOrNull() != null) {
                    licenses.add(choice.text());
                } else if (choice.name().equals("license")) {
                    String id = choice.childText("id") != null ? choice.childText("id") : choice.childText("name");
                    if (id != null) {
                        licenses.add(id);
                    }
                }
            }
        }
        List<Hash> hashes = new ArrayList<>();
        for (XmlElement hash : c.children("hashes", "hash")) {
            if (hash.attr("alg") != null && hash.textOrNull() != null) {
                hashes.add(Hash.of(hash.attr("alg"), hash.text()));
            }
        }
        XmlElement supplierElement = c.child("supplier");
        String supplier = supplierElement != null ? supplierElement.childText("name")
                : c.childText("publisher") != null ? c.childText("publisher") : c.childText("author");
        String cpe = c.childText("cpe");
        return new Component(c.attr("bom-ref"), c.attr("type"), c.childText("group"), name, c.childText("version"),
                c.childText("purl"), cpe == null ? List.of() : List.of(cpe), licenses, hashes, supplier);
    }

    private static Double parseDouble(String text) {
        try {
            return text == null ? null : Double.valueOf(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    // ---------------------------------------------------------------- shared

    private record Rating(String source, Double score, String severity, String method, String vector) {
    }

    private record RawVulnerability(String id, String source, List<String> aliases, String description,
                                    List<Rating> ratings, List<String> affects, String state, String justification,
                                    String detail) {
    }

    private ParsedEvidence build(Source source, String encoding, String specVersion, String serial, Component subject,
                                 List<Tool> tools, List<Component> components, List<Dependency> dependencies,
                                 List<RawVulnerability> raw, String timestamp, String version) {
        String format = "cyclonedx-" + specVersion + "-" + encoding;
        boolean vexOnly = components.isEmpty() && !raw.isEmpty() && raw.stream().allMatch(v -> v.state() != null);
        if (vexOnly) {
            List<VexDocument.VexStatement> statements = new ArrayList<>();
            for (RawVulnerability v : raw) {
                List<VexDocument.Product> products = v.affects().stream().map(ref -> new VexDocument.Product(
                        productId(ref, subject), List.of())).toList();
                statements.add(new VexDocument.VexStatement(v.id(), v.aliases(), products, vexStatus(v.state()),
                        v.justification(), v.detail(), null, timestamp));
            }
            return Predicates.parsed(EvidenceKind.VEX, format,
                    new VexDocument(serial, null, null, timestamp, version, statements));
        }
        Map<String, Component> byRef = new HashMap<>();
        for (Component c : components) {
            if (c.ref() != null) {
                byRef.putIfAbsent(c.ref(), c);
            }
        }
        if (subject != null && subject.ref() != null) {
            byRef.putIfAbsent(subject.ref(), subject);
        }
        List<Vulnerability> vulnerabilities = new ArrayList<>();
        for (RawVulnerability v : raw) {
            Rating rating = preferredRating(v);
            Severity severity = rating == null ? Severity.UNKNOWN
                    : rating.severity() != null ? Severity.fromText(rating.severity()) : Severity.fromCvssScore(rating.score());
            List<String> refs = v.affects().isEmpty() ? java.util.Collections.singletonList(null) : v.affects();
            for (String ref : refs) {
                Component c = ref == null ? null : byRef.get(ref);
                PackageRef pkg = c != null ? new PackageRef(c.name(), c.version(), c.purl(), c.type())
                        : new PackageRef(null, null, ref != null && ref.startsWith("pkg:") ? ref : null, null);
                vulnerabilities.add(new Vulnerability(v.id(), v.aliases(), null, severity,
                        rating == null ? null : rating.score(), rating == null ? null : rating.vector(),
                        rating == null ? null : cvssVersion(rating.method()), pkg, null, null,
                        v.state() == null ? null : vexStatus(v.state()), v.justification(),
                        v.state() == null ? null : "cyclonedx-analysis"));
            }
        }
        return Predicates.parsed(EvidenceKind.SBOM, format,
                Sbom.of("cyclonedx", specVersion, serial, subject, tools, components, dependencies, vulnerabilities));
    }

    private static String productId(String ref, Component subject) {
        if (subject != null && ref.equals(subject.ref()) && subject.purl() != null) {
            return subject.purl();
        }
        return ref;
    }

    /** The rating from the vulnerability's own source, else the best-scored CVSS rating, else any with a severity. */
    private static Rating preferredRating(RawVulnerability v) {
        Rating scored = null;
        Rating any = null;
        for (Rating r : v.ratings()) {
            if (v.source() != null && v.source().equalsIgnoreCase(r.source()) && (r.severity() != null || r.score() != null)) {
                return r;
            }
            if (r.score() != null && (scored == null || methodRank(r.method()) > methodRank(scored.method()))) {
                scored = r;
            }
            if (any == null && r.severity() != null) {
                any = r;
            }
        }
        return scored != null ? scored : any;
    }

    private static int methodRank(String method) {
        if (method == null) {
            return 0;
        }
        return switch (method) {
            case "CVSSv4" -> 4;
            case "CVSSv31" -> 3;
            case "CVSSv3" -> 2;
            case "CVSSv2" -> 1;
            default -> 0;
        };
    }

    private static String cvssVersion(String method) {
        if (method == null) {
            return null;
        }
        return switch (method) {
            case "CVSSv4" -> "4.0";
            case "CVSSv31" -> "3.1";
            case "CVSSv3" -> "3.0";
            case "CVSSv2" -> "2.0";
            default -> null;
        };
    }

    /** CycloneDX analysis states mapped to the OpenVEX statuses they mean. */
    static VexStatus vexStatus(String state) {
        return switch (state.toLowerCase(Locale.ROOT)) {
            case "not_affected", "false_positive" -> VexStatus.NOT_AFFECTED;
            case "resolved", "resolved_with_pedigree" -> VexStatus.FIXED;
            case "exploitable" -> VexStatus.AFFECTED;
            default -> VexStatus.UNDER_INVESTIGATION;
        };
    }
}
