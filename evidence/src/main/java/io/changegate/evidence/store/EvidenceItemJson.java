package io.changegate.evidence.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** The JSON form of an evidence item, as the REST API serves it and the CLI reads it back. */
public final class EvidenceItemJson {
    private EvidenceItemJson() {
    }

    /** The item as JSON; {@code withPredicate} false leaves the (possibly large) predicate out. */
    public static ObjectNode write(EvidenceItem item, boolean withPredicate) {
        ObjectNode json = CanonicalJson.mapper().createObjectNode();
        json.put("id", item.id());
        json.put("leaf_index", item.leafIndex());
        json.put("subject", item.subject().toString());
        json.put("name", item.name());
        json.put("type", item.type());
        json.put("submitter", item.submitter());
        json.put("submitted_at", DateTimeFormatter.ISO_INSTANT.format(item.submittedAt()));
        ObjectNode verification = json.putObject("verification");
        verification.put("state", item.verification().state().label());
        verification.put("detail", item.verification().detail());
        ObjectNode document = json.putObject("document");
        document.put("sha256", item.documentSha256());
        document.put("size", item.documentSize());
        json.put("predicate_sha256", item.predicateSha256());
        if (withPredicate) {
            json.set("predicate", item.predicate());
        }
        return json;
    }

    /** Reads an item written by {@link #write}; a missing predicate reads as JSON null. */
    public static EvidenceItem read(JsonNode json) {
        try {
            JsonNode verification = required(json, "verification");
            JsonNode document = required(json, "document");
            JsonNode name = json.get("name");
            return new EvidenceItem(
                    text(json, "id"),
                    required(json, "leaf_index").asLong(),
                    SubjectDigest.parse(text(json, "subject")),
                    name == null || name.isNull() ? null : name.asText(),
                    text(json, "type"),
                    json.has("predicate") ? json.get("predicate") : CanonicalJson.mapper().nullNode(),
                    text(json, "predicate_sha256"),
                    text(document, "sha256"),
                    required(document, "size").asLong(),
                    text(json, "submitter"),
                    Instant.parse(text(json, "submitted_at")),
                    new VerificationStatus(VerificationStatus.State.ofLabel(text(verification, "state")),
                            verification.path("detail").asText("")));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("evidence item: submitted_at is not an ISO-8601 instant");
        }
    }

    private static JsonNode required(JsonNode json, String field) {
        JsonNode value = json.get(field);
        if (value == null || value.isNull()) {
            throw new IllegalArgumentException("evidence item: missing field '" + field + "'");
        }
        return value;
    }

    private static String text(JsonNode json, String field) {
        return required(json, field).asText();
    }
}
