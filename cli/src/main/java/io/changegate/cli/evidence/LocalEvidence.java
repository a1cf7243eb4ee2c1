package io.changegate.cli.evidence;

import com.fasterxml.jackson.databind.JsonNode;
import io.changegate.cli.CliException;
import io.changegate.evidence.log.ConsistencyProof;
import io.changegate.evidence.log.InclusionProof;
import io.changegate.evidence.store.EvidenceItemJson;
import io.changegate.evidence.store.EvidenceRejectedException;
import io.changegate.evidence.store.EvidenceService;
import io.changegate.evidence.store.EvidenceStore;
import io.changegate.evidence.store.IngestResult;
import io.changegate.evidence.store.StoreException;
import io.changegate.evidence.store.SubjectDigest;
import io.changegate.evidence.store.Submission;
import java.util.List;

/** The embedded store as a backend. */
final class LocalEvidence implements EvidenceBackend {
    private final EvidenceStore store;
    private final EvidenceService service;

    LocalEvidence(EvidenceStore store) {
        this.store = store;
        this.service = EvidenceService.standard(store);
    }

    EvidenceStore store() {
        return store;
    }

    @Override
    public Added add(Submission submission) throws CliException {
        try {
            IngestResult result = service.submit(submission);
            return new Added(EvidenceItemJson.write(result.item(), true), result.created());
        } catch (EvidenceRejectedException e) {
            throw new CliException("error: " + e.getMessage(), 2);
        } catch (StoreException e) {
            throw new CliException("error: " + e.getMessage(), 2);
        }
    }

    @Override
    public List<JsonNode> list(String subject, long afterLeaf, int limit) throws CliException {
        SubjectDigest digest = null;
        if (subject != null) {
            try {
                digest = SubjectDigest.parse(subject);
            } catch (IllegalArgumentException e) {
                throw new CliException("error: --subject: " + e.getMessage(), 2);
            }
        }
        return store.list(digest, afterLeaf, limit).stream()
                .map(item -> (JsonNode) EvidenceItemJson.write(item, false)).toList();
    }

    @Override
    public JsonNode show(String id) throws CliException {
        return store.find(id).map(item -> (JsonNode) EvidenceItemJson.write(item, true))
                .orElseThrow(() -> new CliException("error: no evidence item with id " + id, 2));
    }

    @Override
    public String checkpointNote() {
        return store.checkpoint().note();
    }

    @Override
    public InclusionProof inclusionProof(long leaf, long size) throws CliException {
        try {
            return store.inclusionProof(leaf, size);
        } catch (IllegalArgumentException e) {
            throw new CliException("error: " + e.getMessage(), 2);
        }
    }

    @Override
    public ConsistencyProof consistencyProof(long from, long to) throws CliException {
        try {
            return store.consistencyProof(from, to);
        } catch (IllegalArgumentException e) {
            throw new CliException("error: " + e.getMessage(), 2);
        }
    }

    @Override
    public void close() {
        store.close();
    }
}
