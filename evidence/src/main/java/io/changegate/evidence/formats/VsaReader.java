package io.changegate.evidence.formats;

import com.fasterxml.jackson.databind.JsonNode;
import io.changegate.evidence.model.EvidenceKind;
import io.changegate.evidence.model.VerificationSummary;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** SLSA Verification Summary Attestation predicates, v0.2 (snake_case fields) and v1. */
final class VsaReader implements FormatReader {
    private static final String PREFIX = "https://slsa.dev/verification_summary/";
    private static final Set<String> RESULTS = Set.of("PASSED", "FAILED");

    @Override
    public List<String> names() {
        return List.of("slsa-vsa", "vsa");
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
        return root.isObject() && root.has("verifier") && (root.has("verificationResult") || root.has("verification_result"));
    }

    @Override
    public ParsedEvidence read(Source source) throws EvidenceFormatException {
        JsonView p = source.root().requireObject();
        boolean v02 = p.has("verification_result") || source.predicateType() != null && source.predicateType().endsWith("v0.2");
        String resultField = v02 ? "verification_result" : "verificationResult";
        String result = p.requireText(resultField);
        if (!RESULTS.contains(result)) {
            throw p.get(resultField).expected("PASSED or FAILED", p.get(resultField).node());
        }
        String verifierId = p.requireObject("verifier").requireText("id");
        List<String> levels = new ArrayList<>(p.texts("verifiedLevels"));
        if (v02 && p.text("policy_level") != null) {
            levels.add(p.text("policy_level"));
        }
        return Predicates.parsed(EvidenceKind.VSA, v02 ? "slsa-vsa-v0.2" : "slsa-vsa-v1",
                new VerificationSummary(v02 ? "0.2" : "1", PREFIX + (v02 ? "v0.2" : "v1"), verifierId,
                        p.text(v02 ? "time_verified" : "timeVerified"), p.text(v02 ? "resource_uri" : "resourceUri"),
                        p.get("policy").text("uri"), result, levels,
                        p.stringMap(v02 ? "dependency_levels" : "dependencyLevels"), p.text("slsaVersion"),
                        SlsaProvenanceReader.subjects(source)));
    }
}
