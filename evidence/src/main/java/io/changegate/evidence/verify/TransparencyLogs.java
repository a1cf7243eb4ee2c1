package io.changegate.evidence.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.changegate.evidence.envelope.DsseEnvelope;
import io.changegate.evidence.envelope.DsseSignature;
import io.changegate.evidence.envelope.SigstoreBundle;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * Checks a Rekor transparency log entry offline: the log's signed entry timestamp (SET), the RFC 6962
 * inclusion proof up to a signed checkpoint, and that the entry records this very signature.
 */
final class TransparencyLogs {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final HexFormat HEX = HexFormat.of();

    private TransparencyLogs() {
    }

    /**
     * Verifies one entry and returns the integrated time the log signed, or {@code null} when the
     * entry carries no SET (Rekor v2), in which case only the inclusion proof vouches for it.
     *
     * @param verifierDer the signing certificate's DER, or the managed key's SubjectPublicKeyInfo
     */
    static Instant check(SigstoreBundle.TlogEntry entry, TrustedRoot root, SigstoreBundle.Content content,
                         byte[] verifierDer, Trail trail) throws Trail.Failed {
        TrustedRoot.TransparencyLog log = root.log(entry.logKeyId()).orElseThrow(() -> trail.fail(
                "tlog: entry is from an unknown log " + Base64.getEncoder().encodeToString(entry.logKeyId())
                        + " that the trusted root does not list"));
        String logName = log.baseUrl().isEmpty() ? "log" : log.baseUrl();
        if (entry.signedEntryTimestamp() == null && entry.inclusionProof() == null) {
            throw trail.fail("tlog: entry " + entry.logIndex() + " has neither an inclusion proof nor a signed entry timestamp");
        }
        matchBody(entry, content, verifierDer, trail);

        Instant integrated = null;
        if (entry.signedEntryTimestamp() != null) {
            if (entry.integratedTime() == null) {
                throw trail.fail("tlog: entry has a signed entry timestamp but no integrated time");
            }
            byte[] promise = setPayload(entry);
            if (Signatures.verify(log.key(), promise, entry.signedEntryTimestamp()).isEmpty()) {
                throw trail.fail("tlog: signed entry timestamp does not verify with the key of " + logName);
            }
            integrated = Instant.ofEpochSecond(entry.integratedTime());
            if (!log.validFor().contains(integrated)) {
                throw trail.fail("tlog: " + logName + " is trusted only from " + log.validFor()
                        + ", not at integrated time " + integrated);
            }
            trail.passed("tlog: signed entry timestamp from " + logName + " verified (entry " + entry.logIndex()
                    + ", integrated " + integrated + ")");
        }
        SigstoreBundle.InclusionProof proof = entry.inclusionProof();
        if (proof != null) {
            byte[] leaf = leafHash(entry.canonicalizedBody());
            byte[] computed = rootFromAuditPath(proof.logIndex(), proof.treeSize(), leaf, proof.hashes());
            if (computed == null) {
                throw trail.fail("tlog: inclusion proof is malformed (index " + proof.logIndex() + ", tree size "
                        + proof.treeSize() + ", " + proof.hashes().size() + " hashes)");
            }
            if (!Arrays.equals(computed, proof.rootHash())) {
                throw trail.fail("tlog: inclusion proof root mismatch: the audit path leads to "
                        + HEX.formatHex(computed) + ", the proof claims " + HEX.formatHex(proof.rootHash()));
            }
            if (proof.checkpoint() != null) {
                checkCheckpoint(proof, log, logName, trail);
                trail.passed("tlog: inclusion proof verified to signed checkpoint of " + logName + " (index "
                        + proof.logIndex() + " of " + proof.treeSize() + ")");
            } else if (entry.signedEntryTimestamp() == null) {
                throw trail.fail("tlog: inclusion proof has no signed checkpoint, so nothing vouches for its root");
            } else {
                trail.passed("tlog: inclusion proof verified (index " + proof.logIndex() + " of " + proof.treeSize()
                        + ", no checkpoint)");
            }
        }
        return integrated;
    }

    /** The canonical JSON Rekor signs as the SET: body, integratedTime, logID (hex) and logIndex, keys sorted. */
    static byte[] setPayload(SigstoreBundle.TlogEntry entry) {
        String json = "{\"body\":\"" + Base64.getEncoder().encodeToString(entry.canonicalizedBody())
                + "\",\"integratedTime\":" + entry.integratedTime()
                + ",\"logID\":\"" + HEX.formatHex(entry.logKeyId())
                + "\",\"logIndex\":" + entry.logIndex() + "}";
        return json.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] leafHash(byte[] leaf) {
        MessageDigest sha = sha256();
        sha.update((byte) 0);
        sha.update(leaf);
        return sha.digest();
    }

    private static byte[] nodeHash(byte[] left, byte[] right) {
        MessageDigest sha = sha256();
        sha.update((byte) 1);
        sha.update(left);
        sha.update(right);
        return sha.digest();
    }

    /** RFC 9162 section 2.1.3.2: recomputes the root from a leaf and its audit path, or null if malformed. */
    static byte[] rootFromAuditPath(long index, long treeSize, byte[] leafHash, List<byte[]> path) {
        if (index < 0 || index >= treeSize) {
            return null;
        }
        long fn = index;
        long sn = treeSize - 1;
        byte[] r = leafHash;
        for (byte[] p : path) {
            if (sn == 0) {
                return null;
            }
            if ((fn & 1) == 1 || fn == sn) {
                r = nodeHash(p, r);
                if ((fn & 1) == 0) {
                    while ((fn & 1) == 0 && fn != 0) {
                        fn >>= 1;
                        sn >>= 1;
                    }
                }
            } else {
                r = nodeHash(r, p);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 ? r : null;
    }

    /** A checkpoint is a signed note: origin, tree size and root hash lines, a blank line, then signature lines. */
    private static void checkCheckpoint(SigstoreBundle.InclusionProof proof, TrustedRoot.TransparencyLog log,
                                        String logName, Trail trail) throws Trail.Failed {
        String note = proof.checkpoint();
        int split = note.indexOf("\n\n");
        if (split < 0) {
            throw trail.fail("tlog: checkpoint is malformed: no blank line before its signatures");
        }
        String body = note.substring(0, split + 1);
        String[] lines = body.split("\n");
        if (lines.length < 3) {
            throw trail.fail("tlog: checkpoint is malformed: expected origin, tree size and root hash lines");
        }
        long size;
        byte[] root;
        try {
            size = Long.parseLong(lines[1]);
            root = Base64.getDecoder().decode(lines[2]);
        } catch (IllegalArgumentException e) {
            throw trail.fail("tlog: checkpoint is malformed: " + e.getMessage());
        }
        if (size != proof.treeSize() || !Arrays.equals(root, proof.rootHash())) {
            throw trail.fail("tlog: checkpoint commits to tree size " + size + " root " + HEX.formatHex(root)
                    + ", not the inclusion proof's tree size " + proof.treeSize() + " root " + HEX.formatHex(proof.rootHash()));
        }
        byte[] signed = body.getBytes(StandardCharsets.UTF_8);
        for (String line : note.substring(split + 2).split("\n")) {
            if (!line.startsWith("\u2014 ")) {
                continue;
            }
            int space = line.lastIndexOf(' ');
            byte[] raw;
            try {
                raw = Base64.getDecoder().decode(line.substring(space + 1));
            } catch (IllegalArgumentException e) {
                continue;
            }
            if (raw.length <= 4) {
                continue;
            }
            // The first four bytes are a key hint; the signature follows.
            byte[] signature = Arrays.copyOfRange(raw, 4, raw.length);
            if (Signatures.verify(log.key(), signed, signature).isPresent()) {
                return;
            }
        }
        throw trail.fail("tlog: checkpoint signature does not verify with the key of " + logName);
    }

    /** The entry must record this bundle's signature, signer and content, or it vouches for something else. */
    private static void matchBody(SigstoreBundle.TlogEntry entry, SigstoreBundle.Content content, byte[] verifierDer,
                                  Trail trail) throws Trail.Failed {
        JsonNode body;
        try {
            body = MAPPER.readTree(entry.canonicalizedBody());
        } catch (IOException e) {
            throw trail.fail("tlog: entry body is not valid JSON");
        }
        String kind = body.path("kind").asText("");
        String version = body.path("apiVersion").asText("");
        JsonNode spec = body.path("spec");
        String what = kind + " " + version;
        switch (content) {
            case SigstoreBundle.MessageSignature message -> {
                if (kind.equals("hashedrekord") && version.equals("0.0.1")) {
                    byte[] logged = decode(spec.path("signature").path("content").asText(""));
                    requireEqual(logged, message.signature(), "tlog: entry body does not match the bundle's signature", trail);
                    String hex = spec.path("data").path("hash").path("value").asText("");
                    if (message.digest().length > 0 && !hex.equalsIgnoreCase(HEX.formatHex(message.digest()))) {
                        throw trail.fail("tlog: entry body records artifact digest " + hex
                                + ", not the bundle's " + HEX.formatHex(message.digest()));
                    }
                    requireEqual(pemToDer(decode(spec.path("signature").path("publicKey").path("content").asText(""))),
                            verifierDer, "tlog: entry body names a different signing certificate or key", trail);
                } else if (kind.equals("hashedrekord") && version.equals("0.0.2")) {
                    JsonNode v2 = spec.path("hashedRekordV002");
                    requireEqual(decode(v2.path("signature").path("content").asText("")), message.signature(),
                            "tlog: entry body does not match the bundle's signature", trail);
                    byte[] digest = decode(v2.path("data").path("digest").asText(""));
                    if (message.digest().length > 0 && !Arrays.equals(digest, message.digest())) {
                        throw trail.fail("tlog: entry body records artifact digest " + HEX.formatHex(digest)
                                + ", not the bundle's " + HEX.formatHex(message.digest()));
                    }
                    JsonNode verifier = v2.path("signature").path("verifier");
                    byte[] logged = decode(verifier.has("x509Certificate")
                            ? verifier.path("x509Certificate").path("rawBytes").asText("")
                            : verifier.path("publicKey").path("rawBytes").asText(""));
                    requireEqual(logged, verifierDer, "tlog: entry body names a different signing certificate or key", trail);
                } else {
                    throw trail.fail("tlog: a " + what + " entry cannot record a message signature");
                }
            }
            case DsseEnvelope dsse -> {
                String payloadHash = HEX.formatHex(sha256().digest(dsse.payload()));
                if (kind.equals("dsse") && version.equals("0.0.1")) {
                    requireHash(spec.path("payloadHash"), payloadHash, trail);
                    for (DsseSignature signature : dsse.signatures()) {
                        boolean found = false;
                        for (JsonNode logged : spec.path("signatures")) {
                            found |= Arrays.equals(decode(logged.path("signature").asText("")), signature.sig())
                                    && Arrays.equals(pemToDer(decode(logged.path("verifier").asText(""))), verifierDer);
                        }
                        if (!found) {
                            throw trail.fail("tlog: entry body does not match the bundle's DSSE signature");
                        }
                    }
                } else if (kind.equals("intoto") && version.equals("0.0.2")) {
                    JsonNode recorded = spec.path("content");
                    requireHash(recorded.path("payloadHash"), payloadHash, trail);
                    for (DsseSignature signature : dsse.signatures()) {
                        boolean found = false;
                        for (JsonNode logged : recorded.path("envelope").path("signatures")) {
                            // intoto 0.0.2 stores each signature base64-encoded twice.
                            byte[] sig = decode(new String(decode(logged.path("sig").asText("")), StandardCharsets.US_ASCII));
                            found |= Arrays.equals(sig, signature.sig())
                                    && Arrays.equals(pemToDer(decode(logged.path("publicKey").asText(""))), verifierDer);
                        }
                        if (!found) {
                            throw trail.fail("tlog: entry body does not match the bundle's DSSE signature");
                        }
                    }
                } else {
                    throw trail.fail("tlog: a " + what + " entry cannot record a DSSE envelope");
                }
            }
        }
        trail.passed("tlog: entry " + entry.logIndex() + " (" + what + ") records this signature");
    }

    private static void requireHash(JsonNode hash, String expectedHex, Trail trail) throws Trail.Failed {
        String algorithm = hash.path("algorithm").asText("").toLowerCase(Locale.ROOT);
        String value = hash.path("value").asText("");
        if (!algorithm.equals("sha256") || !value.equalsIgnoreCase(expectedHex)) {
            throw trail.fail("tlog: entry body records payload hash " + algorithm + ":" + value
                    + ", not the envelope's sha256:" + expectedHex);
        }
    }

    private static void requireEqual(byte[] logged, byte[] actual, String reason, Trail trail) throws Trail.Failed {
        if (!Arrays.equals(logged, actual)) {
            throw trail.fail(reason);
        }
    }

    private static byte[] decode(String base64) {
        try {
            return Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            return new byte[0];
        }
    }

    /** Rekor stores verifiers as PEM; compare them by their DER content. */
    static byte[] pemToDer(byte[] pem) {
        String text = new String(pem, StandardCharsets.US_ASCII);
        if (!text.contains("-----BEGIN")) {
            return pem;
        }
        StringBuilder base64 = new StringBuilder();
        boolean inside = false;
        for (String line : text.split("\r?\n")) {
            if (line.startsWith("-----BEGIN")) {
                inside = true;
            } else if (line.startsWith("-----END")) {
                break;
            } else if (inside) {
                base64.append(line.strip());
            }
        }
        return decode(base64.toString());
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-256", e);
        }
    }
}
