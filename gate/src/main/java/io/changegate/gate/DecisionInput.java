package io.changegate.gate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.changegate.evidence.model.EvidenceKind;
import io.changegate.evidence.store.CanonicalJson;
import io.changegate.evidence.store.EvidenceItem;
import io.changegate.evidence.store.VerificationStatus;
import io.changegate.gate.approval.Approval;
import io.changegate.gate.governance.ExceptionGrant;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Builds the documented decision input ({@code schemas/decision-input.schema.json}) from a
 * request and what was gathered for it. A pure function: the same request, evidence, approvals,
 * exceptions, parameters and time give the same bytes, which is what lets a decision be replayed.
 */
public final class DecisionInput {
    /** Evidence types the gate itself writes; never input to a decision. */
    public static final String DECISION_TYPE = "changegate/decision";
    public static final String POLICY_BUNDLE_TYPE = "changegate/policy-bundle";

    private DecisionInput() {
    }

    /** The input document and its digest. */
    public record Built(ObjectNode input, String canonical, String digest) {
    }

    public static Built build(GateRequest request, Map<ArtifactRef, List<EvidenceItem>> evidence,
                              List<Approval> approvals, List<ExceptionGrant> exceptions, JsonNode params, Instant time) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode input = f.objectNode();
        input.set("request", requestJson(request));
        ArrayNode artifacts = input.putArray("artifacts");
        for (ArtifactRef ref : request.artifacts()) {
            ObjectNode artifact = artifacts.addObject();
            artifact.put("digest", ref.digest().toString());
            artifact.put("name", ref.name());
            ObjectNode byKind = artifact.putObject("evidence");
            ArrayNode signatures = artifact.putArray("signatures");
            for (EvidenceItem item : evidence.getOrDefault(ref, List.of())) {
                String kind = kindOf(item);
                if (kind == null) {
                    continue;
                }
                ObjectNode entry = (byKind.has(kind) ? (ArrayNode) byKind.get(kind) : byKind.putArray(kind)).addObject();
                entry.put("id", item.id());
                entry.put("type", item.type());
                entry.put("submitter", item.submitter());
                entry.put("submitted_at", item.submittedAt().toString());
                ObjectNode verification = entry.putObject("verification");
                verification.put("state", item.verification().state().label());
                verification.put("detail", item.verification().detail());
                entry.set("predicate", item.predicate());
                if (item.verification().state() == VerificationStatus.State.VERIFIED) {
                    ObjectNode signature = signatures.addObject();
                    signature.put("evidence_id", item.id());
                    signature.put("kind", kind);
                    signature.put("signer", item.verification().detail());
                }
            }
        }
        ArrayNode approvalList = input.putArray("approvals");
        approvals.forEach(a -> approvalList.add(a.toJson()));
        ArrayNode exceptionList = input.putArray("exceptions");
        exceptions.forEach(e -> exceptionList.add(e.toJson()));
        input.set("params", params == null ? f.objectNode() : params);
        input.put("time", time.toString());
        String canonical = CanonicalJson.write(input);
        String digest = "sha256:" + HexFormat.of().formatHex(io.changegate.evidence.log.TreeHashes.sha256()
                .digest(canonical.getBytes(StandardCharsets.UTF_8)));
        return new Built(input, canonical, digest);
    }

    /** The request as policies and records see it. */
    public static ObjectNode requestJson(GateRequest request) {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("environment", request.environment());
        ArrayNode artifacts = json.putArray("artifacts");
        request.artifacts().forEach(a -> artifacts.addObject().put("digest", a.digest().toString()).put("name", a.name()));
        json.put("change", request.change());
        json.put("author", request.author());
        json.put("deployer", request.deployer());
        json.put("source", request.source());
        json.put("namespace", request.namespace());
        if (request.kubernetes() != null) {
            json.set("kubernetes", request.kubernetes());
        } else {
            json.putNull("kubernetes");
        }
        return json;
    }

    /** Reads {@link #requestJson} back. */
    public static GateRequest readRequest(JsonNode json) {
        List<ArtifactRef> artifacts = new java.util.ArrayList<>();
        json.path("artifacts").forEach(a -> artifacts.add(ArtifactRef.of(a.path("digest").asText(), text(a, "name"))));
        JsonNode k8s = json.get("kubernetes");
        return new GateRequest(json.path("environment").asText(), artifacts, text(json, "change"), text(json, "author"),
                text(json, "deployer"), text(json, "source"), text(json, "namespace"),
                k8s == null || k8s.isNull() ? null : k8s);
    }

    private static String text(JsonNode json, String field) {
        JsonNode v = json.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    /**
     * The input's evidence kind of a stored item: its type when it names a kind (as for raw
     * reports), else the shape of its normalised predicate; null for the gate's own records.
     */
    public static String kindOf(EvidenceItem item) {
        String type = item.type();
        if (type.startsWith("changegate/")) {
            return null;
        }
        for (EvidenceKind kind : EvidenceKind.values()) {
            if (kind.name().equalsIgnoreCase(type)) {
                return kind.name().toLowerCase(Locale.ROOT);
            }
        }
        JsonNode p = item.predicate();
        if (p.has("components")) {
            return "sbom";
        }
        if (p.has("scanner") && p.has("vulnerabilities")) {
            return "vulnerabilities";
        }
        if (p.has("runs") && p.has("findings")) {
            return "findings";
        }
        if (p.has("alerts")) {
            return "dast";
        }
        if (p.has("suites") && p.has("cases")) {
            return "tests";
        }
        if (p.has("lines") && p.has("branches")) {
            return "coverage";
        }
        if (p.has("statements")) {
            return "vex";
        }
        if (p.has("builder_id")) {
            return "provenance";
        }
        if (type.contains("verification_summary")) {
            return "vsa";
        }
        return "other";
    }
}
