package io.changegate.evidence.model;

import java.util.List;
import java.util.Map;

/**
 * A SLSA Verification Summary Attestation (v0.2 or v1).
 *
 * @param verificationResult {@code PASSED} or {@code FAILED}
 * @param verifiedLevels     e.g. {@code SLSA_BUILD_LEVEL_3}; v0.2's single {@code policy_level} becomes one entry
 */
public record VerificationSummary(String slsaVersion, String predicateType, String verifierId, String timeVerified,
                                  String resourceUri, String policyUri, String verificationResult,
                                  List<String> verifiedLevels, Map<String, String> dependencyLevels,
                                  String slsaSpecVersion, List<Subject> subjects) {
    public VerificationSummary {
        verifiedLevels = List.copyOf(verifiedLevels);
        dependencyLevels = Map.copyOf(dependencyLevels);
        subjects = List.copyOf(subjects);
    }

    @com.fasterxml.jackson.annotation.JsonIgnore
    public boolean passed() {
        return "PASSED".equals(verificationResult);
    }
}
