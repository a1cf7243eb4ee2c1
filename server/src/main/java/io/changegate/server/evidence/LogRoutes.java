package io.changegate.server.evidence;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.changegate.evidence.log.ConsistencyProof;
import io.changegate.evidence.log.InclusionProof;
import io.changegate.evidence.store.EvidenceStore;
import io.changegate.server.Access;
import io.changegate.server.ApiTokens;
import io.changegate.server.JsonResponses;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/** {@code /v1/log}: the latest signed checkpoint and the proofs that let anyone check it offline. */
public final class LogRoutes implements HttpService {
    private final EvidenceStore store;
    private final Access access;

    public LogRoutes(EvidenceStore store, Access access) {
        this.store = store;
        this.access = access;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/checkpoint", access.requiring(ApiTokens.EVIDENCE_READ, this::checkpoint))
                .get("/proof/inclusion", access.requiring(ApiTokens.EVIDENCE_READ, this::inclusion))
                .get("/proof/consistency", access.requiring(ApiTokens.EVIDENCE_READ, this::consistency));
    }

    private void checkpoint(ServerRequest request, ServerResponse response, ApiTokens.Caller caller) {
        response.header(HeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8");
        response.send(store.checkpoint().note().getBytes(StandardCharsets.UTF_8));
    }

    private void inclusion(ServerRequest request, ServerResponse response, ApiTokens.Caller caller) {
        long treeSize = store.treeSize();
        if (treeSize == 0) {
            JsonResponses.error(response, Status.BAD_REQUEST_400, "the log is empty: there is no leaf to prove", "leaf");
            return;
        }
        Long leaf = QueryNumbers.required(request, response, "leaf", 0, treeSize - 1);
        Long size = leaf == null ? null : QueryNumbers.optional(request, response, "size", leaf + 1, treeSize, treeSize);
        if (size == null) {
            return;
        }
        InclusionProof proof = store.inclusionProof(leaf, size);
        ObjectNode body = JsonResponses.object();
        body.put("leaf_index", proof.leafIndex());
        body.put("tree_size", proof.treeSize());
        putHashes(body, proof.path());
        JsonResponses.send(response, Status.OK_200, body);
    }

    private void consistency(ServerRequest request, ServerResponse response, ApiTokens.Caller caller) {
        long treeSize = store.treeSize();
        Long to = QueryNumbers.optional(request, response, "to", 0, treeSize, treeSize);
        Long from = to == null ? null : QueryNumbers.required(request, response, "from", 0, to);
        if (from == null) {
            return;
        }
        ConsistencyProof proof = store.consistencyProof(from, to);
        ObjectNode body = JsonResponses.object();
        body.put("from", proof.fromSize());
        body.put("to", proof.toSize());
        putHashes(body, proof.path());
        JsonResponses.send(response, Status.OK_200, body);
    }

    private static void putHashes(ObjectNode body, List<byte[]> hashes) {
        ArrayNode array = body.putArray("hashes");
        hashes.forEach(hash -> array.add(Base64.getEncoder().encodeToString(hash)));
    }
}
