package io.changegate.evidence.formats;

import com.fasterxml.jackson.databind.JsonNode;
import io.changegate.evidence.model.EvidenceKind;
import io.changegate.evidence.model.Finding;
import io.changegate.evidence.model.FindingsReport;
import io.changegate.evidence.model.Severity;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * SARIF 2.1.0 logs from any tool. A result's level falls back to its rule's default
 * configuration, then to {@code warning} (SARIF §3.27.10); a result of another kind than
 * {@code fail} has level {@code none}. A result is suppressed when it has suppressions and none
 * of them is under review or rejected. Severity comes from the rule's {@code security-severity}
 * score when present, else from the level (error HIGH, warning MEDIUM, note LOW).
 */
final class SarifReader implements FormatReader {
    private static final Set<String> LEVELS = Set.of("error", "warning", "note", "none");
    private static final Set<String> BASELINE_STATES = Set.of("new", "unchanged", "updated", "absent");

    @Override
    public List<String> names() {
        return List.of("sarif");
    }

    @Override
    public boolean acceptsPredicateType(String predicateType) {
        return predicateType.contains("sarif");
    }

    @Override
    public boolean recognises(Source source) throws EvidenceFormatException {
        if (source.syntax() == Source.Syntax.XML) {
            return false;
        }
        JsonNode root = source.json();
        return root.isObject() && root.path("runs").isArray()
                && (root.path("version").asText().startsWith("2.") || root.path("$schema").asText().contains("sarif"));
    }

    @Override
    public ParsedEvidence read(Source source) throws EvidenceFormatException {
        JsonView log = source.root().requireObject();
        String version = log.requireText("version");
        if (!version.equals("2.1.0")) {
            throw log.get("version").expected("SARIF version \"2.1.0\"", log.get("version").node());
        }
        List<FindingsReport.Run> runs = new ArrayList<>();
        List<Finding> findings = new ArrayList<>();
        for (JsonView run : log.requireArray("runs")) {
            JsonView driver = run.requireObject("tool").requireObject("driver");
            String tool = driver.requireText("name");
            String toolVersion = driver.text("semanticVersion") != null ? driver.text("semanticVersion") : driver.text("version");
            Map<String, JsonView> rulesById = new HashMap<>();
            List<JsonView> rules = driver.array("rules");
            for (JsonView rule : rules) {
                if (rule.text("id") != null) {
                    rulesById.putIfAbsent(rule.text("id"), rule);
                }
            }
            boolean successful = true;
            for (JsonView invocation : run.array("invocations")) {
                if (invocation.has("executionSuccessful") && !invocation.bool("executionSuccessful")) {
                    successful = false;
                }
            }
            List<JsonView> results = run.has("results") ? run.requireArray("results") : List.of();
            List<JsonView> artifacts = run.array("artifacts");
            for (JsonView result : results) {
                result.requireObject();
                JsonView rule = ruleOf(result, rules, rulesById);
                String ruleId = result.text("ruleId") != null ? result.text("ruleId")
                        : rule != null ? rule.text("id") : result.get("rule").text("id");
                findings.add(finding(result, rule, ruleId, tool, artifacts));
            }
            runs.add(new FindingsReport.Run(tool, toolVersion, successful, results.size()));
        }
        return Predicates.parsed(EvidenceKind.FINDINGS, "sarif-2.1.0-json", FindingsReport.of(runs, findings));
    }

    private Finding finding(JsonView result, JsonView rule, String ruleId, String tool, List<JsonView> artifacts)
            throws EvidenceFormatException {
        String kind = result.text("kind");
        String level = result.text("level");
        if (level == null && rule != null) {
            level = rule.get("defaultConfiguration").text("level");
        }
        if (level == null) {
            level = "warning";
        }
        if (!LEVELS.contains(level)) {
            throw result.get("level").expected("one of error, warning, note, none", result.get("level").node());
        }
        if (kind != null && !kind.equals("fail")) {
            level = "none";
        }
        Double securitySeverity = rule == null ? null : rule.get("properties").number("security-severity");
        if (securitySeverity == null) {
            securitySeverity = result.get("properties").number("security-severity");
        }
        Severity severity = securitySeverity != null ? Severity.fromCvssScore(securitySeverity) : switch (level) {
            case "error" -> Severity.HIGH;
            case "warning" -> Severity.MEDIUM;
            case "note" -> Severity.LOW;
            default -> Severity.UNKNOWN;
        };
        List<String> suppressionKinds = new ArrayList<>();
        boolean contested = false;
        for (JsonView suppression : result.array("suppressions")) {
            String suppressionKind = suppression.text("kind");
            if (suppressionKind != null && !suppressionKinds.contains(suppressionKind)) {
                suppressionKinds.add(suppressionKind);
            }
            String status = suppression.text("status");
            contested |= "underReview".equals(status) || "rejected".equals(status);
        }
        boolean suppressed = !result.array("suppressions").isEmpty() && !contested;
        String baseline = result.text("baselineState");
        if (baseline != null && !BASELINE_STATES.contains(baseline)) {
            throw result.get("baselineState").expected("one of new, unchanged, updated, absent", result.get("baselineState").node());
        }
        return new Finding(tool, "sast", ruleId, rule == null ? null : rule.text("name"), level, severity,
                message(result, rule), location(result, artifacts), suppressed, suppressionKinds, baseline);
    }

    private static JsonView ruleOf(JsonView result, List<JsonView> rules, Map<String, JsonView> rulesById) {
        Integer index = result.integer("ruleIndex");
        if (index == null) {
            index = result.get("rule").integer("index");
        }
        if (index != null && index >= 0 && index < rules.size()) {
            return rules.get(index);
        }
        String id = result.text("ruleId") != null ? result.text("ruleId") : result.get("rule").text("id");
        return id == null ? null : rulesById.get(id);
    }

    private static String message(JsonView result, JsonView rule) throws EvidenceFormatException {
        JsonView message = result.get("message");
        if (message.text("text") != null) {
            return message.text("text");
        }
        if (message.text("markdown") != null) {
            return message.text("markdown");
        }
        String id = message.text("id");
        if (id != null && rule != null) {
            String template = rule.get("messageStrings").get(id).text("text");
            if (template != null) {
                List<String> arguments = message.texts("arguments");
                for (int i = 0; i < arguments.size(); i++) {
                    template = template.replace("{" + i + "}", arguments.get(i));
                }
                return template;
            }
        }
        return id;
    }

    private static Finding.Location location(JsonView result, List<JsonView> artifacts) throws EvidenceFormatException {
        List<JsonView> locations = result.array("locations");
        if (locations.isEmpty()) {
            return new Finding.Location(null, null, null);
        }
        JsonView physical = locations.getFirst().get("physicalLocation");
        JsonView artifact = physical.get("artifactLocation");
        String uri = artifact.text("uri");
        Integer index = artifact.integer("index");
        if (uri == null && index != null && index >= 0 && index < artifacts.size()) {
            uri = artifacts.get(index).get("location").text("uri");
        }
        JsonView region = physical.get("region");
        return new Finding.Location(uri, region.integer("startLine"), region.integer("startColumn"));
    }
}
