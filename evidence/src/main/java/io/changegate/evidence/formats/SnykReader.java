package io.changegate.evidence.formats;

import com.fasterxml.jackson.databind.JsonNode;
import io.changegate.evidence.model.EvidenceKind;
import io.changegate.evidence.model.Finding;
import io.changegate.evidence.model.FindingsReport;
import io.changegate.evidence.model.PackageRef;
import io.changegate.evidence.model.Severity;
import io.changegate.evidence.model.Vulnerability;
import io.changegate.evidence.model.VulnerabilityReport;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Snyk CLI JSON: {@code snyk test} (one project, or an array with {@code --all-projects}),
 * {@code snyk container test} (OS and application vulnerabilities) and {@code snyk iac test}
 * (an array of projects with infrastructure-as-code issues, read as findings). Snyk lists one
 * entry per dependency path; they are merged to one vulnerability per id and package version.
 * ({@code snyk code test} writes SARIF and is read by the SARIF reader.)
 */
final class SnykReader implements FormatReader {
    @Override
    public List<String> names() {
        return List.of("snyk");
    }

    @Override
    public boolean recognises(Source source) throws EvidenceFormatException {
        if (source.syntax() == Source.Syntax.XML) {
            return false;
        }
        JsonNode root = source.json();
        JsonNode first = root.isArray() && !root.isEmpty() ? root.get(0) : root;
        return first.isObject() && (first.has("infrastructureAsCodeIssues")
                || first.path("vulnerabilities").isArray() && first.has("packageManager")
                && (first.has("ok") || first.has("dependencyCount") || first.has("uniqueCount")));
    }

    @Override
    public ParsedEvidence read(Source source) throws EvidenceFormatException {
        JsonView root = source.root();
        List<JsonView> projects = root.isArray() ? root.elements() : List.of(root.requireObject());
        boolean iac = !projects.isEmpty() && projects.stream().allMatch(p -> p.has("infrastructureAsCodeIssues"));
        if (iac) {
            return readIac(projects);
        }
        Map<String, Vulnerability> merged = new LinkedHashMap<>();
        boolean container = false;
        String artifact = null;
        for (JsonView project : projects) {
            project.requireObject();
            container |= project.has("docker") || project.text("projectName") != null && project.text("projectName").startsWith("docker-image|");
            String target = project.text("displayTargetFile") != null ? project.text("displayTargetFile") : project.text("targetFile");
            for (JsonView v : project.requireArray("vulnerabilities")) {
                add(merged, v.requireObject(), project.text("packageManager"), target);
            }
            for (JsonView application : project.array("applications")) {
                for (JsonView v : application.requireArray("vulnerabilities")) {
                    add(merged, v.requireObject(), application.text("packageManager"), application.text("targetFile"));
                }
            }
            if (artifact == null) {
                artifact = project.text("path") != null ? project.text("path") : project.text("projectName");
            }
        }
        String format = container ? "snyk-container-json" : root.isArray() ? "snyk-all-projects-json" : "snyk-test-json";
        return Predicates.parsed(EvidenceKind.VULNERABILITIES, format,
                VulnerabilityReport.of("snyk", null, artifact, new ArrayList<>(merged.values()), List.of()));
    }

    private ParsedEvidence readIac(List<JsonView> projects) throws EvidenceFormatException {
        List<Finding> findings = new ArrayList<>();
        for (JsonView project : projects) {
            String file = project.text("targetFilePath") != null ? project.text("targetFilePath") : project.text("targetFile");
            for (JsonView issue : project.requireArray("infrastructureAsCodeIssues")) {
                Integer line = issue.integer("lineNumber");
                Severity severity = Severity.fromText(issue.text("severity"));
                findings.add(new Finding("snyk", "iac", issue.text("id"), issue.text("title"), TrivyReader.level(issue.text("severity")),
                        severity, issue.text("issue") != null ? issue.text("issue") : issue.text("msg"),
                        new Finding.Location(file, line != null && line > 0 ? line : null, null),
                        issue.bool("isIgnored"), issue.bool("isIgnored") ? List.of("snyk-ignore") : List.of(), null));
            }
        }
        return Predicates.parsed(EvidenceKind.FINDINGS, "snyk-iac-json",
                FindingsReport.of(List.of(new FindingsReport.Run("snyk", null, true, findings.size())), findings));
    }

    private void add(Map<String, Vulnerability> merged, JsonView v, String packageManager, String target) throws EvidenceFormatException {
        String id = v.requireText("id");
        String name = v.text("packageName") != null ? v.text("packageName") : v.text("name");
        String version = v.text("version");
        String key = id + "\u0000" + name + "\u0000" + version;
        if (merged.containsKey(key)) {
            return;
        }
        List<String> aliases = new ArrayList<>();
        JsonView identifiers = v.get("identifiers");
        for (String scheme : List.of("CVE", "GHSA", "ALTERNATIVE")) {
            for (String alias : identifiers.texts(scheme)) {
                if (!alias.equals(id) && !aliases.contains(alias)) {
                    aliases.add(alias);
                }
            }
        }
        List<String> fixedIn = v.texts("fixedIn");
        String fixed = !fixedIn.isEmpty() ? String.join(", ", fixedIn) : v.text("nearestFixedInVersion");
        String vector = v.text("CVSSv3");
        merged.put(key, new Vulnerability(id, aliases, v.text("title"), Severity.fromText(v.text("severity")),
                v.number("cvssScore"), vector, Cvss.versionOf(vector),
                new PackageRef(name, version, purl(packageManager, name, version), packageManager), fixed, target,
                null, null, null));
    }

    /** A package URL for ecosystems whose Snyk names map unambiguously; OS packages lack the distro, so none. */
    static String purl(String packageManager, String name, String version) {
        if (packageManager == null || name == null || version == null) {
            return null;
        }
        return switch (packageManager.toLowerCase(Locale.ROOT)) {
            case "npm", "yarn", "pnpm" -> "pkg:npm/" + (name.startsWith("@") ? "%40" + name.substring(1) : name) + "@" + version;
            case "maven", "gradle", "sbt" -> name.contains(":") ? "pkg:maven/" + name.replace(':', '/') + "@" + version : null;
            case "pip", "poetry", "pipenv" -> "pkg:pypi/" + name.toLowerCase(Locale.ROOT) + "@" + version;
            case "gomodules", "golangdep", "govendor" -> "pkg:golang/" + name + "@" + version;
            case "rubygems" -> "pkg:gem/" + name + "@" + version;
            case "nuget" -> "pkg:nuget/" + name + "@" + version;
            case "composer" -> "pkg:composer/" + name + "@" + version;
            default -> null;
        };
    }
}
