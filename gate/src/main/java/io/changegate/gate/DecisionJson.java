package io.changegate.gate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.changegate.evidence.store.CanonicalJson;
import java.io.IOException;

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

    /** Whether two decisions' JSON agree on everything that replay must reproduce. */
    public static JsonNode comparable(JsonNode decision) {
        ObjectNode copy = decision.deepCopy();
        copy.remove("record");
        copy.remove("retro_approval");
        return copy;
    }
}
