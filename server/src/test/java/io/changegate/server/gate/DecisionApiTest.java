package io.changegate.server.gate;

import static io.changegate.server.gate.GateServer.AUDITOR;
import static io.changegate.server.gate.GateServer.CI;
import static io.changegate.server.gate.GateServer.JSON;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** POST /v1/decisions over HTTPS, with real scanner output ingested through POST /v1/evidence. */
class DecisionApiTest {
    static final String IMAGE = "sha256:4edbd2beb5f78b1014028f4fbb99f3237d9561100b6881aabbf5acce2c4f9454";
    static final String IMAGE_NAME = "registry.acme.example/alpine@" + IMAGE;

    @TempDir
    static Path state;
    static GateServer server;

    @BeforeAll
    static void start() throws Exception {
        server = new GateServer(state);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    static HttpResponse<String> decide(String token, String body) throws Exception {
        return server.post("/v1/decisions", token, body.getBytes(StandardCharsets.UTF_8));
    }

    static String request(String subject, String name) {
        return """
                {"environment": "prod", "artifacts": [{"digest": "%s", "name": "%s"}], "change": "JIRA-123", "author": "alice"}
                """.formatted(subject, name);
    }

    @Test
    void aCriticalCveDeniesProductionNamingTheCveAndAFixedScanAllowsIt() throws Exception {
        server.ingest("trivy/trivy-image-alpine39-vulns.json", IMAGE);

        HttpResponse<String> denied = decide(CI, request(IMAGE, IMAGE_NAME));
        assertThat(denied.statusCode()).as(denied.body()).isEqualTo(200);
        JsonNode decision = JSON.readTree(denied.body());
        assertThat(decision.path("result").asText()).isEqualTo("deny");
        assertThat(decision.path("allowed").asBoolean()).isFalse();
        List<String> blocking = new ArrayList<>();
        decision.path("violations").forEach(v -> {
            if (v.path("blocking").asBoolean()) {
                blocking.add(v.path("policy").asText() + ": " + v.path("msg").asText());
            }
        });
        assertThat(blocking).hasSize(2).allMatch(m -> m.startsWith(
                "vulnerabilities: container " + IMAGE_NAME + " contains unaccepted CVE CVE-2019-14697"));
        assertThat(decision.path("request").path("deployer").asText())
                .as("without a deployer, the caller's team deploys").isEqualTo("payments-ci");
        assertThat(decision.path("request").path("source").asText()).isEqualTo("api");
        assertThat(decision.path("record").path("envelope").path("payloadType").asText()).isEqualTo("application/vnd.in-toto+json");

        server.ingest("grype/grype-0.7.0-image-no-matches-EDGE.json", IMAGE);
        JsonNode allowed = JSON.readTree(decide(CI, request(IMAGE, IMAGE_NAME)).body());
        assertThat(allowed.path("result").asText()).isEqualTo("warn");
        assertThat(allowed.path("allowed").asBoolean()).isTrue();
        assertThat(allowed.path("allowed_by").asText()).isEqualTo("policy");
        allowed.path("violations").forEach(v -> assertThat(v.path("blocking").asBoolean()).as(v.toString()).isFalse());
    }

    @Test
    void theDecisionsRecordIsReadableAsEvidenceOfTheArtifact() throws Exception {
        String subject = "sha256:" + "c0".repeat(32);
        JsonNode decision = JSON.readTree(decide(CI, request(subject, "registry.acme.example/empty@" + subject)).body());
        String recordId = decision.path("record").path("evidence_id").asText();
        var listed = server.client.send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create("https://localhost:" + server.server.port() + "/v1/evidence/" + recordId))
                .header("Authorization", "Bearer " + AUDITOR).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(listed.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(listed.body()).path("type").asText()).isEqualTo("changegate/decision");
    }

    @Test
    void withoutATokenTheGateAnswers401() throws Exception {
        HttpResponse<String> response = decide(null, request(IMAGE, IMAGE_NAME));
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).contains("Bearer");
        assertThat(JSON.readTree(response.body()).path("error").asText()).startsWith("authentication required");
        assertThat(decide("not-a-token", request(IMAGE, IMAGE_NAME)).statusCode()).isEqualTo(401);
    }

    @Test
    void aReadOnlyTokenMayNotAskForADecision() throws Exception {
        HttpResponse<String> response = decide(AUDITOR, request(IMAGE, IMAGE_NAME));
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(JSON.readTree(response.body()).path("error").asText())
                .isEqualTo("the token of team auditors lacks the scope decision:write");
    }

    @Test
    void badRequestsAreRefusedNamingTheField() throws Exception {
        assertBadRequest("{\"environment\": \"moon\", \"artifacts\": [\"" + IMAGE + "\"]}", "environment",
                "environment: unknown environment 'moon'; policy bundle ");
        assertBadRequest("{\"environment\": \"prod\", \"artifacts\": [{\"digest\": \"sha256:12\"}]}", "artifacts[0].digest",
                "'sha256:12' is not a valid digest");
        assertBadRequest("{\"environment\": \"prod\", \"artifacts\": []}", "artifacts", "at least one artifact is required");
        assertBadRequest("{\"artifacts\": [\"" + IMAGE + "\"]}", "environment", "a target environment is required");
        assertBadRequest("{\"environment\": \"prod\", \"artifacts\": [\"" + IMAGE + "\"], \"source\": \"admission\"}",
                "source", "expected ci or api, not 'admission'");
        assertBadRequest("{\"environment\": \"prod\", \"artifact\": \"x\"}", "artifact", "unknown field 'artifact'");
        assertBadRequest("{\"environment\": [}", null, "the request body is not JSON (line 1, column ");
    }

    static void assertBadRequest(String body, String field, String messageStart) throws Exception {
        HttpResponse<String> response = decide(CI, body);
        assertThat(response.statusCode()).as(body + " -> " + response.body()).isEqualTo(400);
        JsonNode error = JSON.readTree(response.body());
        assertThat(error.path("error").asText()).as(body).startsWith(messageStart);
        if (field == null) {
            assertThat(error.path("field").isNull()).as(body).isTrue();
        } else {
            assertThat(error.path("field").asText()).as(body).isEqualTo(field);
        }
    }
}
