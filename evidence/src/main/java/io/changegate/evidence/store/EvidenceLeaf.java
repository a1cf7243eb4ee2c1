package io.changegate.evidence.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.changegate.evidence.log.TreeHashes;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;

/**
 * The log leaf of an evidence item: canonical JSON of every field that identifies it.
 *
 * <p>Anyone holding an item (from the store or the REST API) can recompute its leaf and check it
 * against the log, so a stored row that was altered no longer matches its leaf.
 */
public final class EvidenceLeaf {
    private EvidenceLeaf() {
    }

    /** The leaf data: canonical JSON of id, subject, name, type, digests, submitter, time and verification. */
    public static byte[] data(EvidenceItem item) {
        ObjectNode leaf = CanonicalJson.mapper().createObjectNode();
        leaf.put("id", item.id());
        leaf.put("subject", item.subject().toString());
        leaf.put("name", item.name());
        leaf.put("type", item.type());
        leaf.put("document_sha256", item.documentSha256());
        leaf.put("predicate_sha256", item.predicateSha256());
        leaf.put("submitter", item.submitter());
        leaf.put("submitted_at", DateTimeFormatter.ISO_INSTANT.format(item.submittedAt()));
        leaf.put("verification", item.verification().state().label());
        return CanonicalJson.write(leaf).getBytes(StandardCharsets.UTF_8);
    }

    /** The RFC 6962 leaf hash of {@link #data}. */
    public static byte[] hash(EvidenceItem item) {
        return TreeHashes.leafHash(data(item));
    }
}
