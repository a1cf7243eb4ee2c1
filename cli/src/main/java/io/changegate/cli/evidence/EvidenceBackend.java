package io.changegate.cli.evidence;

import com.fasterxml.jackson.databind.JsonNode;
import io.changegate.cli.CliException;
import io.changegate.evidence.log.ConsistencyProof;
import io.changegate.evidence.log.InclusionProof;
import io.changegate.evidence.store.Submission;
import java.util.List;

/**
 * Where the evidence commands read and write: a Changegate server over REST, or the embedded store.
 * Items travel as the REST API's JSON in both cases, so the commands print the same either way.
 */
interface EvidenceBackend extends AutoCloseable {
    /** The stored item's JSON and whether it was new. */
    record Added(JsonNode item, boolean created) {
    }

    Added add(Submission submission) throws CliException;

    /** One page of items in log order after {@code afterLeaf}; items carry no predicate. */
    List<JsonNode> list(String subject, long afterLeaf, int limit) throws CliException;

    JsonNode show(String id) throws CliException;

    /** The latest checkpoint as a signed note. */
    String checkpointNote() throws CliException;

    InclusionProof inclusionProof(long leaf, long size) throws CliException;

    ConsistencyProof consistencyProof(long from, long to) throws CliException;

    @Override
    void close();
}
