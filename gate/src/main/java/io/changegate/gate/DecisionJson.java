package io.changegate.gate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.changegate.evidence.store.CanonicalJson;
import io.changegate.gate.approval.Approval;
import io.changegate.gate.governance.BreakGlass;
import io.changegate.gate.governance.ExceptionGrant;
import io.changegate.gate.governance.RetroApproval;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The JSON form of a decision: the REST API's response, {@code changegate gate --format json}, and the record's body. */
public final class DecisionJson {
    private DecisionJson() {
    }

    /** Writes a decision; {@code withEnvelope} includes the signed record's envelope. */
    public static ObjectNode write(Decision d, boolean withEnvelope) {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("decision_id", d.id());
        json.put("result", d.result().label());
        json.put("allowed", d.allowed());
        json.put("allowed_by", d.allowedBy());
        json.put("summary", d.summary());
        json.set("request", DecisionInput.requestJson(d.request()));
        ArrayNode violations = json.putArray("violations");
        for (Violation v : d.violations()) {
            ObjectNode o = violations.addObject();
            o.put("policy", v.policy());
            o.put("owner", v.owner());
            o.put("msg", v.msg());
            o.put("severity", v.severity());
            o.put("remediation", v.remediation());
            o.put("mode", v.mode().label());
            o.put("artifact", v.artifact());
            o.put("exception", v.exception());
            o.put("blocking", v.blocks());
        }
        ArrayNode approvals = json.putArray("approvals");
        d.approvals().forEach(a -> approvals.add(a.toJson()));
        ArrayNode exceptions = json.putArray("exceptions");
        d.exceptionsUsed().forEach(e -> exceptions.add(e.toJson()));
        json.set("break_glass", d.breakGlass() == null ? null : d.breakGlass().toJson());
        json.set("retro_approval", d.retroApproval() == null ? null : d.retroApproval().toJson());
        json.put("input_digest", d.inputDigest());
        ObjectNode policy = json.putObject("policy");
        policy.put("revision", d.policyRevision());
        policy.put("sha256", d.policyHash());
        ArrayNode evidence = json.putArray("evidence");
        d.evidenceIds().forEach(evidence::add);
        json.put("time", d.time().toString());
        if (d.record() != null) {
            ObjectNode record = json.putObject("record");
            record.put("evidence_id", d.record().evidenceId());
            record.put("leaf_index", d.record().leafIndex());
            if (withEnvelope) {
                try {
                    record.set("envelope", CanonicalJson.mapper().readTree(d.record().envelope()));
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return json;
    }

    /**
     * Reads {@link #write} back, e.g. a decision a server answered, so that a client can present it
     * exactly as a local decision.
     *
     * @throws IllegalArgumentException naming the field that is missing or wrong
     */
    public static Decision read(JsonNode json) {
        try {
            List<Violation> violations = new ArrayList<>();
            for (JsonNode v : json.path("violations")) {
                violations.add(new Violation(required(v, "policy"), v.path("owner").asText(""), v.path("msg").asText(""),
                        v.path("severity").asText(""), v.path("remediation").asText(""),
                        Mode.parse(v.path("mode").asText(), "violations[].mode"), optional(v, "artifact"), optional(v, "exception")));
            }
            List<Approval> approvals = new ArrayList<>();
            json.path("approvals").forEach(a -> approvals.add(Approval.fromJson(a)));
            List<ExceptionGrant> exceptions = new ArrayList<>();
            json.path("exceptions").forEach(e -> exceptions.add(ExceptionGrant.fromJson("exceptions[]", e)));
            List<String> evidence = new ArrayList<>();
            json.path("evidence").forEach(e -> evidence.add(e.asText()));
            JsonNode record = json.path("record");
            Decision.RecordRef ref = record.isObject()
                    ? new Decision.RecordRef(required(record, "evidence_id"), record.path("leaf_index").asLong(),
                    record.has("envelope") ? CanonicalJson.write(record.get("envelope")).getBytes(java.nio.charset.StandardCharsets.UTF_8) : new byte[0])
                    : null;
            return new Decision(required(json, "decision_id"), DecisionInput.readRequest(json.path("request")),
                    Result.parse(required(json, "result")), optional(json, "allowed_by"), violations, approvals, exceptions,
                    json.path("break_glass").isObject() ? BreakGlass.fromJson("break_glass", json.get("break_glass")) : null,
                    json.path("retro_approval").isObject() ? RetroApproval.fromJson("retro_approval", json.get("retro_approval")) : null,
                    optional(json, "input_digest"), json.path("policy").path("revision").asText(""),
                    json.path("policy").path("sha256").asText(""), evidence, Instant.parse(required(json, "time")), ref);
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException("not a decision: " + e.getMessage());
        }
    }

    private static String required(JsonNode json, String field) {
        JsonNode value = json.get(field);
        if (value == null || !value.isTextual()) {
            throw new IllegalArgumentException("not a decision: " + field + " is missing");
        }
        return value.asText();
    }

    private static String optional(JsonNode json, String field) {
        JsonNode value = json.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    /** Whether two decisions' JSON agree on everything that replay must reproduce. */
    public static JsonNode comparable(JsonNode decision) {
        ObjectNode copy = decision.deepCopy();
        copy.remove("record");
        copy.remove("retro_approval");
        return copy;
    }
}
