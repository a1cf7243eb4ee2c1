package io.changegate.cli.decision;

import com.fasterxml.jackson.databind.JsonNode;
import io.changegate.cli.CliException;
import io.changegate.evidence.store.CanonicalJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** A record file as {@code changegate gate --record} writes it, a decision JSON with its record, or a bare DSSE envelope. */
record RecordFile(String evidenceId, byte[] envelope) {
    static RecordFile read(Path file) throws CliException {
        JsonNode root;
        try {
            root = CanonicalJson.mapper().readTree(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new CliException("error: " + file + ": not a readable JSON record: " + e.getMessage(), 2);
        }
        if (root != null && root.has("record")) {
            root = root.get("record");
        }
        if (root == null || !root.isObject()) {
            throw new CliException("error: " + file + ": expected a decision record object", 2);
        }
        JsonNode envelope = root.has("envelope") ? root.get("envelope") : root;
        if (!envelope.has("payloadType")) {
            throw new CliException("error: " + file + ": no DSSE envelope (payloadType, payload, signatures) in the record", 2);
        }
        String id = root.hasNonNull("evidence_id") ? root.get("evidence_id").asText() : null;
        return new RecordFile(id, CanonicalJson.write(envelope).getBytes(StandardCharsets.UTF_8));
    }
}
