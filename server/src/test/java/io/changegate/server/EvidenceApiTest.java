package io.changegate.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.changegate.evidence.log.ConsistencyProof;
import io.changegate.evidence.log.InclusionProof;
import io.changegate.evidence.log.SignedCheckpoint;
import io.changegate.evidence.store.EvidenceItemJson;
import io.changegate.evidence.store.EvidenceLeaf;
import io.changegate.evidence.store.EvidenceStore;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvidenceApiTest {
    static final String WRITER = "writer-token-of-team-payments";
    static final String READER = "reader-token-of-the-auditors";
    static final String SUBJECT = "sha256:" + "ab".repeat(32);
    static final String SBOM = """
            {"bomFormat": "CycloneDX", "specVersion": "1.5", "version": 1,
             "components": [{"type": "library", "name": "left-pad", "version": "1.3.0"}]}
            """;
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path directory;
    EvidenceStore store;
    ChangegateServer server;
    HttpClient client = HttpClient.newHttpClient();

    @BeforeEach
    void start() {
        store = EvidenceStore.openEmbedded(directory);
        ApiTokens tokens = ApiTokens.of(Map.of(
                ApiTokens.hash(WRITER), new ApiTokens.Caller("payments", Set.of(ApiTokens.EVIDENCE_WRITE, ApiTokens.EVIDENCE_READ)),
                ApiTokens.hash(READER), new ApiTokens.Caller("auditors", Set.of(ApiTokens.EVIDENCE_READ))));
        server = ChangegateServer.builder().port(0).store(store).tokens(tokens).build().start();
    }

    @AfterEach
    void stop() {
        server.stop();
        store.close();
    }

    private URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + server.port() + pathAndQuery);
    }

    private HttpResponse<String> post(String pathAndQuery, String token, String contentType, byte[] body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(pathAndQuery))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).header("Content-Type", contentType);
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<byte[]> get(String pathAndQuery, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(pathAndQuery)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private JsonNode getJson(String pathAndQuery) throws Exception {
        HttpResponse<byte[]> response = get(pathAndQuery, READER);
        assertThat(response.statusCode()).as(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private JsonNode submitRaw(String document, String subject) throws Exception {
        HttpResponse<String> response = post("/v1/evidence?subject=" + subject + "&name=app", WRITER,
                "application/json", document.getBytes(StandardCharsets.UTF_8));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return JSON.readTree(response.body());
    }

    @Test
    void aRawDocumentIsStoredOnceAndServedBack() throws Exception {
        HttpResponse<String> created = post("/v1/evidence?subject=" + SUBJECT + "&name=registry.example/app",
                WRITER, "application/json", SBOM.getBytes(StandardCharsets.UTF_8));
        assertThat(created.statusCode()).isEqualTo(201);
        JsonNode item = JSON.readTree(created.body());
        String id = item.get("id").asText();
        assertThat(created.headers().firstValue("Location")).contains("/v1/evidence/" + id);
        assertThat(item.get("subject").asText()).isEqualTo(SUBJECT);
        assertThat(item.get("type").asText()).isEqualTo("sbom");
        assertThat(item.get("submitter").asText()).isEqualTo("payments");
        assertThat(item.get("name").asText()).isEqualTo("registry.example/app");

        HttpResponse<String> again = post("/v1/evidence?subject=" + SUBJECT, WRITER, "application/json",
                SBOM.getBytes(StandardCharsets.UTF_8));
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(again.body()).get("id").asText()).isEqualTo(id);

        assertThat(getJson("/v1/evidence/" + id).get("predicate").isObject()).isTrue();
        assertThat(getJson("/v1/evidence?subject=" + SUBJECT).get("items")).hasSize(1);
        assertThat(getJson("/v1/evidence?subject=sha256:" + "00".repeat(32)).get("items")).isEmpty();
        assertThat(get("/v1/evidence/" + id + "/document", READER).body()).isEqualTo(SBOM.getBytes(StandardCharsets.UTF_8));
        assertThat(get("/v1/evidence/no-such-id", READER).statusCode()).isEqualTo(404);
    }

    @Test
    void anInTotoStatementNeedsNoSubjectParameter() throws Exception {
        String statement = """
                {"_type": "https://in-toto.io/Statement/v1",
                 "subject": [{"name": "app", "digest": {"sha256": "%s"}}],
                 "predicateType": "https://cyclonedx.org/bom", "predicate": %s}
                """.formatted("cd".repeat(32), SBOM);
        HttpResponse<String> response = post("/v1/evidence", WRITER, "application/json",
                statement.getBytes(StandardCharsets.UTF_8));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        assertThat(JSON.readTree(response.body()).get("subject").asText()).isEqualTo("sha256:" + "cd".repeat(32));
    }

    @Test
    void aMultipartUploadCarriesSubjectTypeAndFile() throws Exception {
        String boundary = "----changegate-test-boundary";
        String body = "--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"subject\"\r\n\r\n" + SUBJECT + "\r\n"
                + "--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"type\"\r\n\r\nsbom-cyclonedx\r\n"
                + "--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"file\"; filename=\"bom.json\"\r\n"
                + "Content-Type: application/json\r\n\r\n" + SBOM + "\r\n"
                + "--" + boundary + "--\r\n";
        HttpResponse<String> response = post("/v1/evidence", WRITER, "multipart/form-data; boundary=" + boundary,
                body.getBytes(StandardCharsets.UTF_8));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        JsonNode item = JSON.readTree(response.body());
        assertThat(item.get("type").asText()).isEqualTo("sbom-cyclonedx");
        assertThat(get("/v1/evidence/" + item.get("id").asText() + "/document", READER).body())
                .isEqualTo(SBOM.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void badInputIsAnsweredWith400NamingTheField() throws Exception {
        HttpResponse<String> noSubject = post("/v1/evidence", WRITER, "application/json", SBOM.getBytes());
        assertThat(noSubject.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(noSubject.body()).get("field").asText()).isEqualTo("subject");
        assertThat(JSON.readTree(noSubject.body()).get("error").asText()).contains("subject digest is required");

        HttpResponse<String> badDigest = post("/v1/evidence?subject=sha256:1234", WRITER, "application/json", SBOM.getBytes());
        assertThat(JSON.readTree(badDigest.body()).get("field").asText()).isEqualTo("subject");

        HttpResponse<String> notEvidence = post("/v1/evidence?subject=" + SUBJECT, WRITER, "text/plain",
                "hello".getBytes());
        assertThat(notEvidence.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(notEvidence.body()).get("field").asText()).isEqualTo("document");

        HttpResponse<String> empty = post("/v1/evidence?subject=" + SUBJECT, WRITER, "application/json", new byte[0]);
        assertThat(JSON.readTree(empty.body()).get("field").asText()).isEqualTo("document");

        assertThat(JSON.readTree(get("/v1/log/proof/inclusion?leaf=x", READER).body()).get("field").asText())
                .isEqualTo("leaf");
        assertThat(store.treeSize()).isZero();
    }

    @Test
    void writesNeedTheWriteScopeAndReadsATokenWithReadScope() throws Exception {
        HttpResponse<String> anonymous = post("/v1/evidence?subject=" + SUBJECT, null, "application/json", SBOM.getBytes());
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("WWW-Authenticate")).contains("Bearer");
        assertThat(JSON.readTree(anonymous.body()).get("error").asText()).contains("Authorization: Bearer");

        HttpResponse<String> wrongToken = post("/v1/evidence?subject=" + SUBJECT, "guess", "application/json", SBOM.getBytes());
        assertThat(wrongToken.statusCode()).isEqualTo(401);

        HttpResponse<String> readOnly = post("/v1/evidence?subject=" + SUBJECT, READER, "application/json", SBOM.getBytes());
        assertThat(readOnly.statusCode()).isEqualTo(403);
        assertThat(JSON.readTree(readOnly.body()).get("error").asText())
                .isEqualTo("the token of team auditors lacks the scope evidence:write");

        assertThat(get("/v1/evidence?subject=" + SUBJECT, null).statusCode()).isEqualTo(401);
        assertThat(get("/v1/log/checkpoint", null).statusCode()).isEqualTo(401);
        assertThat(store.treeSize()).isZero();
    }

    @Test
    void theServedCheckpointAndProofsVerifyOffline() throws Exception {
        List<JsonNode> items = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            items.add(submitRaw(SBOM.replace("1.3.0", "1.3." + i), SUBJECT));
        }
        SignedCheckpoint early = SignedCheckpoint.open(
                new String(get("/v1/log/checkpoint", READER).body(), StandardCharsets.UTF_8), store.verifier());
        for (int i = 3; i < 7; i++) {
            items.add(submitRaw(SBOM.replace("1.3.0", "1.3." + i), SUBJECT));
        }
        SignedCheckpoint latest = SignedCheckpoint.open(
                new String(get("/v1/log/checkpoint", READER).body(), StandardCharsets.UTF_8), store.verifier());
        assertThat(latest.checkpoint().size()).isEqualTo(7);

        for (JsonNode listed : getJson("/v1/evidence?subject=" + SUBJECT).get("items")) {
            long leaf = listed.get("leaf_index").asLong();
            JsonNode proofJson = getJson("/v1/log/proof/inclusion?leaf=" + leaf + "&size=7");
            InclusionProof proof = new InclusionProof(leaf, 7, hashes(proofJson));
            byte[] leafHash = EvidenceLeaf.hash(EvidenceItemJson.read(listed));
            assertThat(proof.verifies(leafHash, latest.checkpoint().rootHash())).as("leaf %d", leaf).isTrue();
        }
        JsonNode consistency = getJson("/v1/log/proof/consistency?from=3&to=7");
        assertThat(new ConsistencyProof(3, 7, hashes(consistency))
                .verifies(early.checkpoint().rootHash(), latest.checkpoint().rootHash())).isTrue();

        HttpResponse<byte[]> beyond = get("/v1/log/proof/inclusion?leaf=0&size=8", READER);
        assertThat(beyond.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(beyond.body()).get("field").asText()).isEqualTo("size");
    }

    private static List<byte[]> hashes(JsonNode proof) {
        List<byte[]> hashes = new ArrayList<>();
        proof.get("hashes").forEach(hash -> hashes.add(Base64.getDecoder().decode(hash.asText())));
        return hashes;
    }
}
