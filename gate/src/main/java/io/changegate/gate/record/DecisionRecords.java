package io.changegate.gate.record;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.changegate.evidence.envelope.DsseEnvelope;
import io.changegate.evidence.store.CanonicalJson;
import io.changegate.evidence.store.EvidenceItem;
import io.changegate.gate.ArtifactRef;
import io.changegate.gate.Decision;
import io.changegate.gate.DecisionJson;
import io.changegate.gate.DecisionInput;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.util.Base64;
import java.util.List;

/**
 * Decision records: an in-toto Statement with a SLSA Verification Summary predicate, signed as
 * a DSSE envelope. The standard VSA fields say who verified what against which policy with which
 * result; the {@code changegate} field carries the rest of the decision (request, input digest,
 * violations, approvals, exceptions, break-glass, engine) so that it can be replayed.
 */
public final class DecisionRecords {
    public static final String STATEMENT_TYPE = "https://in-toto.io/Statement/v1";
    public static final String VSA_TYPE = "https://slsa.dev/verification_summary/v1";
    public static final String VERIFIER_ID = "https://changegate.io/gate";
    public static final String ENGINE_VERSION = "0.1.0";

    private DecisionRecords() {
    }

    /** The statement of a decision; {@code consulted} are the evidence items its input held. */
    public static ObjectNode statement(Decision decision, List<EvidenceItem> consulted) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode statement = f.objectNode();
        statement.put("_type", STATEMENT_TYPE);
        ArrayNode subjects = statement.putArray("subject");
        for (ArtifactRef artifact : decision.request().artifacts()) {
            ObjectNode subject = subjects.addObject();
            subject.put("name", artifact.name() != null ? artifact.name() : artifact.digest().toString());
            subject.putObject("digest").put(artifact.digest().algorithm(), artifact.digest().hex());
        }
        statement.put("predicateType", VSA_TYPE);
        ObjectNode predicate = statement.putObject("predicate");
        ObjectNode verifier = predicate.putObject("verifier");
        verifier.put("id", VERIFIER_ID);
        verifier.putObject("version").put("changegate", ENGINE_VERSION);
        predicate.put("timeVerified", decision.time().toString());
        predicate.put("resourceUri", "changegate:environment/" + decision.request().environment());
        ObjectNode policy = predicate.putObject("policy");
        policy.put("uri", "changegate:policy-bundle/" + decision.policyRevision());
        policy.putObject("digest").put("sha256", decision.policyHash());
        ArrayNode inputs = predicate.putArray("inputAttestations");
        for (EvidenceItem item : consulted) {
            ObjectNode input = inputs.addObject();
            input.put("uri", "changegate:evidence/" + item.id());
            input.putObject("digest").put("sha256", item.predicateSha256());
        }
        predicate.put("verificationResult", decision.allowed() ? "PASSED" : "FAILED");
        predicate.putArray("verifiedLevels");
        ObjectNode changegate = DecisionJson.write(decision, false);
        changegate.remove("record");
        changegate.putObject("engine").put("name", "changegate").put("version", ENGINE_VERSION);
        predicate.set("changegate", changegate);
        return statement;
    }

    /** Signs a statement as a DSSE envelope (canonical JSON payload). */
    public static byte[] envelope(ObjectNode statement, DecisionSigner signer) {
        byte[] payload = CanonicalJson.write(statement).getBytes(StandardCharsets.UTF_8);
        byte[] signature = signer.sign(DsseEnvelope.pae(DsseEnvelope.IN_TOTO_PAYLOAD_TYPE, payload));
        ObjectNode envelope = JsonNodeFactory.instance.objectNode();
        envelope.put("payloadType", DsseEnvelope.IN_TOTO_PAYLOAD_TYPE);
        envelope.put("payload", Base64.getEncoder().encodeToString(payload));
        ObjectNode sig = envelope.putArray("signatures").addObject();
        sig.put("keyid", signer.keyId());
        sig.put("sig", Base64.getEncoder().encodeToString(signature));
        return CanonicalJson.write(envelope).getBytes(StandardCharsets.UTF_8);
    }

    /** A record's envelope, opened: its statement, and whether a signature verifies with {@code key}. */
    public record Opened(JsonNode statement, boolean signatureVerifies, String problem) {
        public JsonNode changegate() {
            return statement.path("predicate").path("changegate");
        }
    }

    /** Opens an envelope and checks its signature against {@code key} (null skips the check). */
    public static Opened open(byte[] envelopeBytes, PublicKey key) {
        JsonNode envelope;
        try {
            envelope = CanonicalJson.mapper().readTree(envelopeBytes);
        } catch (IOException e) {
            throw new IllegalArgumentException("the record is not JSON: " + e.getMessage());
        }
        if (envelope == null || !DsseEnvelope.IN_TOTO_PAYLOAD_TYPE.equals(envelope.path("payloadType").asText())) {
            throw new IllegalArgumentException("the record is not a DSSE envelope of an in-toto statement");
        }
        byte[] payload;
        JsonNode statement;
        try {
            payload = Base64.getDecoder().decode(envelope.path("payload").asText());
            statement = CanonicalJson.mapper().readTree(payload);
        } catch (IllegalArgumentException | IOException e) {
            throw new IllegalArgumentException("the record's payload is not base64 JSON: " + e.getMessage());
        }
        if (!VSA_TYPE.equals(statement.path("predicateType").asText()) || !statement.path("predicate").has("changegate")) {
            throw new IllegalArgumentException("the record is not a Changegate decision (predicateType "
                    + statement.path("predicateType").asText() + ")");
        }
        if (key == null) {
            return new Opened(statement, false, "no key given to check the signature");
        }
        byte[] pae = DsseEnvelope.pae(DsseEnvelope.IN_TOTO_PAYLOAD_TYPE, payload);
        for (JsonNode sig : envelope.path("signatures")) {
            try {
                if (DecisionSigner.verify(key, pae, Base64.getDecoder().decode(sig.path("sig").asText()))) {
                    return new Opened(statement, true, null);
                }
            } catch (IllegalArgumentException ignored) {
                // not base64: not a valid signature, try the next
            }
        }
        return new Opened(statement, false, "no signature verifies with key " + DecisionSigner.keyIdOf(key).substring(0, 16));
    }

    /** The kinds of evidence items that are never decision input. */
    public static boolean isGateRecord(EvidenceItem item) {
        return item.type().equals(DecisionInput.DECISION_TYPE) || item.type().equals(DecisionInput.POLICY_BUNDLE_TYPE);
    }
}
