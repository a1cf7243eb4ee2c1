package io.changegate.gate.governance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.re2j.Pattern;
import io.changegate.evidence.store.SubjectDigest;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * An approved, time-limited waiver of one policy for a scope: the governed "exception".
 *
 * <p>It applies to a violation when the policy matches, the environment and namespace match when
 * set, and the violation's artifact has the digest or a name matching the pattern when set. It
 * stops applying at {@link #expires}. The approver must be someone other than the requester.
 *
 * @param id            a stable identifier, e.g. {@code EXC-2024-017}
 * @param policy        the policy id it waives, or {@code *} for every policy
 * @param artifact      the artifact digest it is limited to, or null
 * @param namePattern   a glob ({@code *} and {@code ?}) over artifact names it is limited to, or null
 * @param environment   the environment it is limited to, or null for all
 * @param namespace     the Kubernetes namespace it is limited to, or null for all
 * @param justification why the risk is accepted
 * @param requester     who asked for it
 * @param approver      who approved it (not the requester)
 * @param ticket        the tracking ticket or link
 * @param expires       when it stops applying
 */
public record ExceptionGrant(String id, String policy, String artifact, String namePattern, String environment,
                             String namespace, String justification, String requester, String approver, String ticket,
                             Instant expires) {
    public ExceptionGrant {
        require(id, "id");
        require(policy, "policy");
        require(justification, "justification");
        require(requester, "requester");
        require(approver, "approver");
        require(ticket, "ticket");
        if (expires == null) {
            throw new IllegalArgumentException("expires: an exception needs an expiry time (RFC 3339)");
        }
        if (requester.strip().equalsIgnoreCase(approver.strip())) {
            throw new IllegalArgumentException("approver: " + approver + " requested this exception and cannot also approve it");
        }
        if (artifact != null) {
            artifact = SubjectDigest.parse(artifact).toString();
        }
        if (namePattern != null) {
            globPattern(namePattern);
        }
    }

    /** Whether it is in force at {@code now}. */
    public boolean activeAt(Instant now) {
        return now.isBefore(expires);
    }

    /** Whether it waives a violation of {@code policyId} about an artifact in this environment and namespace. */
    public boolean covers(String policyId, String artifactDigest, String artifactName, String env, String ns) {
        if (!policy.equals("*") && !policy.equals(policyId)) {
            return false;
        }
        if (environment != null && !environment.equals(env)) {
            return false;
        }
        if (namespace != null && !namespace.equals(ns)) {
            return false;
        }
        if (artifact != null && !artifact.equals(artifactDigest)) {
            return false;
        }
        return namePattern == null || (artifactName != null && globPattern(namePattern).matches(artifactName));
    }

    /** The JSON form used in files, the API and decision records. */
    public ObjectNode toJson() {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("id", id);
        json.put("policy", policy);
        json.put("artifact", artifact);
        json.put("name_pattern", namePattern);
        json.put("environment", environment);
        json.put("namespace", namespace);
        json.put("justification", justification);
        json.put("requester", requester);
        json.put("approver", approver);
        json.put("ticket", ticket);
        json.put("expires", expires.toString());
        return json;
    }

    /** Reads the JSON form; errors name {@code source} and the field. */
    public static ExceptionGrant fromJson(String source, JsonNode json) {
        if (json == null || !json.isObject()) {
            throw new IllegalArgumentException(source + ": expected an exception object");
        }
        try {
            return new ExceptionGrant(text(json, "id"), text(json, "policy"), text(json, "artifact"),
                    text(json, "name_pattern"), text(json, "environment"), text(json, "namespace"),
                    text(json, "justification"), text(json, "requester"), text(json, "approver"),
                    text(json, "ticket"), instant(json, "expires"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + ": " + e.getMessage());
        }
    }

    static String text(JsonNode json, String field) {
        JsonNode value = json.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new IllegalArgumentException(field + ": expected a string, found " + value.getNodeType().name().toLowerCase(Locale.ROOT));
        }
        return value.asText().isBlank() ? null : value.asText().strip();
    }

    static Instant instant(JsonNode json, String field) {
        String text = text(json, field);
        if (text == null) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(field + ": '" + text + "' is not an RFC 3339 time such as 2025-01-31T00:00:00Z");
        }
    }

    private static void require(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " is required");
        }
    }

    /** A glob as an RE2 pattern: {@code *} any run, {@code ?} one character, everything else literal. */
    private static Pattern globPattern(String glob) {
        StringBuilder regex = new StringBuilder();
        for (char c : glob.toCharArray()) {
            switch (c) {
                case '*' -> regex.append(".*");
                case '?' -> regex.append('.');
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString());
    }
}
