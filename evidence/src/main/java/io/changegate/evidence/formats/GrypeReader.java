package io.changegate.evidence.formats;

import com.fasterxml.jackson.databind.JsonNode;
import io.changegate.evidence.model.EvidenceKind;
import io.changegate.evidence.model.PackageRef;
import io.changegate.evidence.model.Severity;
import io.changegate.evidence.model.VexStatus;
import io.changegate.evidence.model.Vulnerability;
import io.changegate.evidence.model.VulnerabilityReport;

import java.util.ArrayList;
import java.util.List;

/**
 * Grype JSON, from 0.7 (top-level {@code cvssV2}/{@code cvssV3}) to current ({@code cvss[]},
 * {@code fix}, {@code relatedVulnerabilities}). Ignored matches are kept with a VEX status when
 * the ignore rule states one ({@code vex-status}), else as {@code not_affected}.
 */
final class GrypeReader implements FormatReader {
    @Override
    public List<String> names() {
        return List.of("grype");
    }

    @Override
    public boolean recognises(Source source) throws EvidenceFormatException {
        if (source.syntax() == Source.Syntax.XML) {
            return false;
        }
        JsonNode root = source.json();
        return root.isObject() && root.path("matches").isArray()
                && (root.path("descriptor").path("name").asText().equals("grype") || root.has("source"));
    }

    @Override
    public ParsedEvidence read(Source source) throws EvidenceFormatException {
        JsonView doc = source.root().requireObject();
        List<Vulnerability> vulnerabilities = new ArrayList<>();
        for (JsonView match : doc.requireArray("matches")) {
            vulnerabilities.add(vulnerability(match.requireObject(), null, null));
        }
        for (JsonView ignored : doc.array("ignoredMatches")) {
            String status = null;
            for (JsonView rule : ignored.array("appliedIgnoreRules")) {
                status = status != null ? status : rule.text("vex-status");
            }
            VexStatus vex = status == null ? VexStatus.NOT_AFFECTED : VexStatus.fromText(status);
            vulnerabilities.add(vulnerability(ignored, vex, "grype-ignore-rule"));
        }
        JsonView descriptor = doc.get("descriptor");
        JsonView target = doc.get("source").get("target");
        String artifact = target.isObject() ? (target.text("userInput") != null ? target.text("userInput") : target.text("imageID"))
                : target.text();
        return Predicates.parsed(EvidenceKind.VULNERABILITIES, "grype-json",
                VulnerabilityReport.of("grype", descriptor.text("version"), artifact, vulnerabilities, List.of()));
    }

    private Vulnerability vulnerability(JsonView match, VexStatus vex, String vexSource) throws EvidenceFormatException {
        JsonView v = match.requireObject("vulnerability");
        JsonView artifact = match.requireObject("artifact");
        String id = v.requireText("id");
        Cvss cvss = bestCvss(v);
        List<String> aliases = new ArrayList<>();
        for (JsonView related : match.array("relatedVulnerabilities")) {
            String relatedId = related.text("id");
            if (relatedId != null && !relatedId.equals(id) && !aliases.contains(relatedId)) {
                aliases.add(relatedId);
            }
            if (cvss == null) {
                cvss = bestCvss(related);
            }
        }
        JsonView fix = v.get("fix");
        String fixed = "fixed".equals(fix.text("state")) && !fix.texts("versions").isEmpty()
                ? String.join(", ", fix.texts("versions")) : null;
        List<JsonView> locations = artifact.array("locations");
        String target = locations.isEmpty() ? null : locations.getFirst().text("path");
        return new Vulnerability(id, aliases, null, Severity.fromText(v.text("severity")),
                cvss == null ? null : cvss.score(), cvss == null ? null : cvss.vector(), cvss == null ? null : cvss.version(),
                new PackageRef(artifact.text("name"), artifact.text("version"), artifact.text("purl"), artifact.text("type")),
                fixed, target, vex, null, vex == null ? null : vexSource);
    }

    /** The newest CVSS version stated, reading both the current list and grype 0.7's fields. */
    private static Cvss bestCvss(JsonView v) throws EvidenceFormatException {
        Cvss best = null;
        for (JsonView entry : v.array("cvss")) {
            Cvss candidate = new Cvss(entry.get("metrics").number("baseScore"), entry.text("vector"),
                    entry.text("version") != null ? entry.text("version") : Cvss.versionOf(entry.text("vector")));
            if (candidate.score() != null && (best == null || candidate.rank() > best.rank())) {
                best = candidate;
            }
        }
        for (String legacy : List.of("cvssV3", "cvssV2")) {
            JsonView entry = v.get(legacy);
            if (best == null && entry.isObject() && entry.number("baseScore") != null) {
                best = new Cvss(entry.number("baseScore"), entry.text("vector"),
                        legacy.equals("cvssV2") ? "2.0" : Cvss.versionOf(entry.text("vector")));
            }
        }
        return best;
    }
}
