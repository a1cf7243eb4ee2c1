package io.changegate.evidence.formats;

import com.fasterxml.jackson.databind.JsonNode;
import io.changegate.evidence.model.EvidenceKind;
import io.changegate.evidence.model.Finding;
import io.changegate.evidence.model.PackageRef;
import io.changegate.evidence.model.Severity;
import io.changegate.evidence.model.VexStatus;
import io.changegate.evidence.model.Vulnerability;
import io.changegate.evidence.model.VulnerabilityReport;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Trivy JSON: SchemaVersion 2 reports, {@code trivy k8s} resource reports, and the legacy
 * (before v0.20) top-level array or {@code null}. Misconfigurations that failed and secrets
 * become findings; findings Trivy suppressed by VEX are kept, marked with their VEX status.
 */
final class TrivyReader implements FormatReader {
    @Override
    public List<String> names() {
        return List.of("trivy");
    }

    @Override
    public boolean recognises(Source source) throws EvidenceFormatException {
        if (source.syntax() == Source.Syntax.XML) {
            return false;
        }
        JsonNode root = source.json();
        if (root.isObject()) {
            return root.has("SchemaVersion") && root.has("ArtifactName")
                    || root.has("ClusterName") && root.path("Resources").isArray()
                    || root.has("Results") && root.path("Results").isArray() && root.has("ArtifactType");
        }
        if (root.isArray()) {
            return !root.isEmpty() && root.get(0).isObject() && root.get(0).has("Target")
                    && (root.get(0).has("Vulnerabilities") || root.get(0).has("Type"));
        }
        // Only legacy Trivy writes a bare null ("nothing found"); trust the file name for that.
        return root.isNull() && source.nameHint().contains("trivy");
    }

    @Override
    public ParsedEvidence read(Source source) throws EvidenceFormatException {
        JsonView root = source.root();
        List<Vulnerability> vulnerabilities = new ArrayList<>();
        List<Finding> findings = new ArrayList<>();
        if (root.isMissingOrNull()) {
            return Predicates.parsed(EvidenceKind.VULNERABILITIES, "trivy-legacy-json",
                    VulnerabilityReport.of("trivy", null, null, vulnerabilities, findings));
        }
        if (root.isArray()) {
            for (JsonView result : root.elements()) {
                readResult(result.requireObject(), vulnerabilities, findings);
            }
            return Predicates.parsed(EvidenceKind.VULNERABILITIES, "trivy-legacy-json",
                    VulnerabilityReport.of("trivy", null, null, vulnerabilities, findings));
        }
        root.requireObject();
        String version = root.get("Trivy").text("Version");
        if (root.has("Resources") && !root.has("Results")) {
            for (JsonView resource : root.requireArray("Resources")) {
                for (JsonView result : resource.array("Results")) {
                    readResult(result.requireObject(), vulnerabilities, findings);
                }
            }
            return Predicates.parsed(EvidenceKind.VULNERABILITIES, "trivy-k8s-json",
                    VulnerabilityReport.of("trivy", version, root.text("ClusterName"), vulnerabilities, findings));
        }
        Integer schema = root.integer("SchemaVersion");
        if (schema == null || schema != 2) {
            throw root.get("SchemaVersion").expected("SchemaVersion 2", root.get("SchemaVersion").node());
        }
        for (JsonView result : root.array("Results")) {
            readResult(result.requireObject(), vulnerabilities, findings);
        }
        return Predicates.parsed(EvidenceKind.VULNERABILITIES, "trivy-2-json",
                VulnerabilityReport.of("trivy", version, root.text("ArtifactName"), vulnerabilities, findings));
    }

    private void readResult(JsonView result, List<Vulnerability> vulnerabilities, List<Finding> findings) throws EvidenceFormatException {
        String target = result.text("Target");
        for (JsonView v : result.array("Vulnerabilities")) {
            vulnerabilities.add(vulnerability(v.requireObject(), target, null, null, null));
        }
        for (JsonView modified : result.array("ExperimentalModifiedFindings")) {
            if ("vulnerability".equals(modified.text("Type")) && modified.get("Finding").isObject()) {
                vulnerabilities.add(vulnerability(modified.get("Finding"), target, VexStatus.fromText(modified.text("Status")),
                        modified.text("Statement"), modified.text("Source")));
            }
        }
        for (JsonView m : result.array("Misconfigurations")) {
            if ("PASS".equalsIgnoreCase(m.text("Status"))) {
                continue; // a check that passed is not a finding
            }
            JsonView cause = m.get("CauseMetadata");
            findings.add(new Finding("trivy", "misconfiguration", m.text("ID"), m.text("Title"), level(m.text("Severity")),
                    Severity.fromText(m.text("Severity")), m.text("Message"),
                    new Finding.Location(target, cause.integer("StartLine"), null), false, List.of(), null));
        }
        for (JsonView s : result.array("Secrets")) {
            findings.add(new Finding("trivy", "secret", s.text("RuleID"), s.text("Title"), level(s.text("Severity")),
                    Severity.fromText(s.text("Severity")), s.text("Match"),
                    new Finding.Location(target, s.integer("StartLine"), null), false, List.of(), null));
        }
    }

    private Vulnerability vulnerability(JsonView v, String target, VexStatus vex, String justification, String vexSource)
            throws EvidenceFormatException {
        // Legacy reports contain entries with only a package name; keep them (id null, severity
        // UNKNOWN) rather than drop what the scanner reported. A malformed id is still an error.
        String id = v.has("VulnerabilityID") ? v.requireText("VulnerabilityID") : null;
        Cvss cvss = preferredCvss(v.get("CVSS"), v.text("SeveritySource"));
        String purl = v.get("PkgIdentifier").text("PURL");
        return new Vulnerability(id, v.texts("VendorIDs"), v.text("Title"), Severity.fromText(v.text("Severity")),
                cvss == null ? null : cvss.score(), cvss == null ? null : cvss.vector(), cvss == null ? null : cvss.version(),
                new PackageRef(v.text("PkgName"), v.text("InstalledVersion"), purl, null), v.text("FixedVersion"),
                v.text("PkgPath") != null ? v.text("PkgPath") : target, vex, justification, vexSource);
    }

    /** The severity source's CVSS, else NVD's, else the first; within one, v4 over v3 over v2. */
    private static Cvss preferredCvss(JsonView bySource, String severitySource) {
        if (!bySource.isObject()) {
            return null;
        }
        JsonView chosen = null;
        if (severitySource != null && bySource.get(severitySource).isObject()) {
            chosen = bySource.get(severitySource);
        } else if (bySource.get("nvd").isObject()) {
            chosen = bySource.get("nvd");
        } else {
            Iterator<Map.Entry<String, JsonNode>> it = bySource.node().fields();
            if (it.hasNext()) {
                chosen = bySource.get(it.next().getKey());
            }
        }
        if (chosen == null) {
            return null;
        }
        if (chosen.number("V40Score") != null) {
            return new Cvss(chosen.number("V40Score"), chosen.text("V40Vector"), "4.0");
        }
        if (chosen.number("V3Score") != null) {
            return new Cvss(chosen.number("V3Score"), chosen.text("V3Vector"), Cvss.versionOf(chosen.text("V3Vector")));
        }
        if (chosen.number("V2Score") != null) {
            return new Cvss(chosen.number("V2Score"), chosen.text("V2Vector"), "2.0");
        }
        return null;
    }

    static String level(String severity) {
        return switch (Severity.fromText(severity)) {
            case CRITICAL, HIGH -> "error";
            case MEDIUM -> "warning";
            case LOW -> "note";
            case UNKNOWN -> "none";
        };
    }
}
