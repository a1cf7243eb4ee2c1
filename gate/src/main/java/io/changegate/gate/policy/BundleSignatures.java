package io.changegate.gate.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

/**
 * Verifies an OPA signed bundle: {@code .signatures.json} holds a JWT (RS256/384/512, PS256,
 * ES256/384) whose {@code files} claim lists every file of the bundle with its SHA-256. A bundle
 * with a file missing from the claim, a claimed file missing, a different hash or a bad
 * signature is refused. JSON files are hashed over their canonical form (keys sorted, no
 * insignificant whitespace), every other file over its bytes.
 */
public final class BundleSignatures {
    private static final ObjectMapper MAPPER = new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    private final PublicKey key;
    private final String scope;

    /** @param scope the required {@code scope} claim, or null to accept any */
    public BundleSignatures(PublicKey key, String scope) {
        this.key = key;
        this.scope = scope;
    }

    /** Throws an {@link IOException} naming the bundle and what did not verify. */
    public void verify(String source, Map<String, byte[]> files) throws IOException {
        byte[] signaturesFile = files.get(".signatures.json");
        if (signaturesFile == null) {
            throw new IOException(source + ": the bundle is not signed (no .signatures.json) but a verification key is configured");
        }
        JsonNode signatures = MAPPER.readTree(signaturesFile).path("signatures");
        if (!signatures.isArray() || signatures.size() != 1) {
            throw new IOException(source + ": .signatures.json must hold exactly one signature");
        }
        String[] parts = signatures.get(0).asText().split("\\.");
        if (parts.length != 3) {
            throw new IOException(source + ": .signatures.json: the signature is not a compact JWT");
        }
        Base64.Decoder b64 = Base64.getUrlDecoder();
        JsonNode header = MAPPER.readTree(b64.decode(parts[0]));
        JsonNode claims = MAPPER.readTree(b64.decode(parts[1]));
        String alg = header.path("alg").asText();
        try {
            Signature verifier = signatureFor(alg);
            verifier.initVerify(key);
            verifier.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            if (!verifier.verify(b64.decode(parts[2]))) {
                throw new IOException(source + ": the bundle signature does not verify with the configured key");
            }
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IOException(source + ": the bundle signature cannot be checked: " + e.getMessage());
        }
        if (scope != null && !scope.equals(claims.path("scope").asText(null))) {
            throw new IOException(source + ": the bundle was signed for scope '" + claims.path("scope").asText("")
                    + "', not '" + scope + "'");
        }
        Map<String, String> claimed = new HashMap<>();
        for (JsonNode file : claims.path("files")) {
            String algorithm = file.path("algorithm").asText("SHA-256");
            if (!algorithm.equalsIgnoreCase("SHA-256")) {
                throw new IOException(source + ": file " + file.path("name").asText() + " is hashed with " + algorithm
                        + "; only SHA-256 is accepted");
            }
            claimed.put(file.path("name").asText().replaceAll("^/+", ""), file.path("hash").asText());
        }
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            if (file.getKey().equals(".signatures.json")) {
                continue;
            }
            String expected = claimed.remove(file.getKey());
            if (expected == null) {
                throw new IOException(source + ": file " + file.getKey() + " is not covered by the bundle signature");
            }
            String actual = hash(file.getKey(), file.getValue());
            if (!actual.equalsIgnoreCase(expected)) {
                throw new IOException(source + ": file " + file.getKey() + " does not match its signed hash");
            }
        }
        if (!claimed.isEmpty()) {
            throw new IOException(source + ": signed file(s) missing from the bundle: " + String.join(", ", claimed.keySet()));
        }
    }

    /** The hash OPA signs for a bundle file. */
    public static String hash(String path, byte[] content) throws IOException {
        byte[] bytes = content;
        if (path.endsWith(".json") || path.equals(".manifest")) {
            bytes = MAPPER.writeValueAsBytes(MAPPER.readTree(content));
        }
        return HexFormat.of().formatHex(PolicyBundle.sha256().digest(bytes));
    }

    static Signature signatureFor(String alg) throws GeneralSecurityException {
        return switch (alg) {
            case "RS256" -> Signature.getInstance("SHA256withRSA");
            case "RS384" -> Signature.getInstance("SHA384withRSA");
            case "RS512" -> Signature.getInstance("SHA512withRSA");
            case "ES256" -> Signature.getInstance("SHA256withECDSAinP1363Format");
            case "ES384" -> Signature.getInstance("SHA384withECDSAinP1363Format");
            case "PS256" -> {
                Signature pss = Signature.getInstance("RSASSA-PSS");
                pss.setParameter(new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1));
                yield pss;
            }
            default -> throw new GeneralSecurityException("unsupported JWT algorithm '" + alg
                    + "'; expected RS256, RS384, RS512, PS256, ES256 or ES384");
        };
    }
}
