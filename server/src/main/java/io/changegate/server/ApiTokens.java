package io.changegate.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The bearer tokens the API accepts, per team, each with its scopes.
 *
 * <p>Only SHA-256 hashes of tokens are configured and kept, so neither the config file nor memory
 * holds a usable secret. The file is JSON:
 * <pre>{"teams": {"payments": [{"sha256": "&lt;hex of SHA-256(token)&gt;", "scopes": ["evidence:read", "evidence:write"]}]}}</pre>
 */
public final class ApiTokens {
    /** Read evidence, the log and its proofs. */
    public static final String EVIDENCE_READ = "evidence:read";
    /** Submit evidence. */
    public static final String EVIDENCE_WRITE = "evidence:write";
    /** Read admission templates and constraints. */
    public static final String POLICY_READ = "policy:read";
    /** Add, replace and delete admission templates and constraints. */
    public static final String POLICY_WRITE = "policy:write";
    /** Ask the deployment gate for a decision, which appends its signed record to the log. */
    public static final String DECISION_WRITE = "decision:write";
    /** Every scope there is (what the administrator token {@code changegate serve} creates on first start holds). */
    public static final Set<String> ALL_SCOPES = Set.of(EVIDENCE_READ, EVIDENCE_WRITE, POLICY_READ, POLICY_WRITE, DECISION_WRITE);

    private final Map<String, Caller> byHash;

    private ApiTokens(Map<String, Caller> byHash) {
        this.byHash = Map.copyOf(byHash);
    }

    /** Who presented a valid token, and what it may do. */
    public record Caller(String team, Set<String> scopes) {
        public Caller {
            scopes = Set.copyOf(scopes);
        }

        public boolean may(String scope) {
            return scopes.contains(scope);
        }
    }

    /** Reads the token file, naming the file and the entry that is wrong. */
    public static ApiTokens load(Path file) {
        try {
            return parse(file.toString(), Files.readAllBytes(file));
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot read the token file: " + e.getMessage());
        }
    }

    /** Parses token configuration; {@code source} names it in errors. */
    public static ApiTokens parse(String source, byte[] json) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException(source + ": not valid JSON: " + e.getMessage());
        }
        JsonNode teams = root == null ? null : root.get("teams");
        if (teams == null || !teams.isObject()) {
            throw new IllegalArgumentException(source + ": expected an object {\"teams\": {\"<team>\": [tokens]}}");
        }
        Map<String, Caller> byHash = new HashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = teams.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> team = it.next();
            if (!team.getValue().isArray()) {
                throw new IllegalArgumentException(source + ": teams." + team.getKey() + " must be a list of tokens");
            }
            for (int i = 0; i < team.getValue().size(); i++) {
                String where = source + ": teams." + team.getKey() + "[" + i + "]";
                JsonNode token = team.getValue().get(i);
                String hash = token.path("sha256").asText("").toLowerCase(java.util.Locale.ROOT);
                if (!hash.matches("[0-9a-f]{64}")) {
                    throw new IllegalArgumentException(where + ".sha256: expected the 64-hex SHA-256 of the token");
                }
                Set<String> scopes = new LinkedHashSet<>();
                for (JsonNode scope : token.path("scopes")) {
                    if (!ALL_SCOPES.contains(scope.asText())) {
                        throw new IllegalArgumentException(where + ".scopes: unknown scope '" + scope.asText()
                                + "', expected one of " + String.join(", ", new java.util.TreeSet<>(ALL_SCOPES)));
                    }
                    scopes.add(scope.asText());
                }
                if (scopes.isEmpty()) {
                    throw new IllegalArgumentException(where + ".scopes: a token needs at least one scope");
                }
                if (byHash.put(hash, new Caller(team.getKey(), scopes)) != null) {
                    throw new IllegalArgumentException(where + ": the same token is configured twice");
                }
            }
        }
        return new ApiTokens(byHash);
    }

    /** A registry built in code: team to (token hash, scopes). */
    public static ApiTokens of(Map<String, Caller> callersByTokenHash) {
        return new ApiTokens(callersByTokenHash);
    }

    /** The caller a {@code Authorization: Bearer <token>} header identifies, if any. */
    public Optional<Caller> authenticate(String authorizationHeader) {
        if (authorizationHeader == null || !authorizationHeader.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        String token = authorizationHeader.substring(7).trim();
        if (token.isEmpty()) {
            return Optional.empty();
        }
        return Optional.ofNullable(byHash.get(hash(token)));
    }

    /** The lower-case hex SHA-256 of a token, as the configuration stores it. */
    public static String hash(String token) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
