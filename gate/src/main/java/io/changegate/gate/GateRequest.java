package io.changegate.gate;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Objects;

/**
 * A question to the gate: may these artifacts be deployed to this environment as this change?
 *
 * <p>CI ({@code changegate gate}), the deploy API ({@code POST /v1/decisions}) and the admission
 * webhook build the same request and differ only in {@link #source}.
 *
 * @param environment the target environment, e.g. {@code prod}
 * @param artifacts   the artifacts by digest; at least one
 * @param change      the change ticket, e.g. {@code JIRA-123}; null when none is given
 * @param author      who wrote the change (for separation of duties); null when unknown
 * @param deployer    who deploys it (the authenticated caller when the API is used); null when unknown
 * @param source      which point of change asks: {@code ci}, {@code api}, {@code admission}, {@code audit}
 * @param namespace   the Kubernetes namespace, or null
 * @param kubernetes  the workload under admission ({@code {"object": …, "operation": …}}), or null
 */
public record GateRequest(String environment, List<ArtifactRef> artifacts, String change, String author,
                          String deployer, String source, String namespace, JsonNode kubernetes) {
    public GateRequest {
        if (environment == null || environment.isBlank()) {
            throw new IllegalArgumentException("environment: a target environment is required, e.g. prod");
        }
        environment = environment.strip();
        Objects.requireNonNull(artifacts, "artifacts");
        artifacts = List.copyOf(artifacts);
        if (artifacts.isEmpty() && kubernetes == null) {
            throw new IllegalArgumentException("artifacts: at least one artifact digest is required");
        }
        change = blankToNull(change);
        author = blankToNull(author);
        deployer = blankToNull(deployer);
        source = source == null || source.isBlank() ? "api" : source.strip();
        namespace = blankToNull(namespace);
    }

    /** A request from CI or a deploy script: environment, artifacts and change only. */
    public static GateRequest of(String environment, List<ArtifactRef> artifacts, String change) {
        return new GateRequest(environment, artifacts, change, null, null, "ci", null, null);
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
