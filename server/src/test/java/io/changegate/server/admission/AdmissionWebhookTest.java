package io.changegate.server.admission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.changegate.constraints.ExemptNamespaces;
import io.changegate.constraints.PolicyStore;
import io.changegate.evidence.store.EvidenceStore;
import io.changegate.server.ApiTokens;
import io.changegate.server.ChangegateServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real server, over HTTPS, answering the shared AdmissionReview fixtures. */
class AdmissionWebhookTest {
    static final String ADMIN = "policy-admin-token";
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path directory;
    static EvidenceStore store;
    static ChangegateServer server;
    static HttpClient client;
    static PolicyStore policies = new PolicyStore();

    @BeforeAll
    static void start() throws Exception {
        Path policyDir = Files.createDirectories(directory.resolve("policies"));
        Files.copy(Path.of(AdmissionWebhookTest.class.getResource("/admission/policies.yaml").toURI()),
                policyDir.resolve("policies.yaml"));
        assertThat(policies.loadDirectory(policyDir).errors()).isEmpty();
        store = EvidenceStore.openEmbedded(directory.resolve("store"));
        TlsMaterial tls = TlsMaterial.selfSigned(List.of("localhost", "127.0.0.1"));
        ApiTokens tokens = ApiTokens.of(Map.of(ApiTokens.hash(ADMIN),
                new ApiTokens.Caller("platform", Set.of(ApiTokens.POLICY_READ, ApiTokens.POLICY_WRITE))));
        ChangegateServer.Builder builder = ChangegateServer.builder().port(0).store(store).tokens(tokens)
                .tls(tls.sslContext());
        server = AdmissionWebhook.install(builder, policies, ExemptNamespaces.of(List.of("ignored-*"), "test")).build().start();
        client = HttpClient.newBuilder().sslContext(trusting(tls)).build();
    }

    @AfterAll
    static void stop() {
        server.stop();
        store.close();
    }

    static SSLContext trusting(TlsMaterial tls) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setCertificateEntry("webhook", tls.chain().get(0));
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        return ctx;
    }

    static Path fixtures() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("mvnw"))) {
            dir = dir.getParent();
        }
        Path fixtures = dir == null ? null : dir.resolve("../shared/fixtures/k8s-admissionreview").normalize();
        assumeTrue(fixtures != null && Files.isDirectory(fixtures),
                "../shared/fixtures/k8s-admissionreview is absent beside the checkout: fixture tests skipped");
        return fixtures;
    }

    static HttpResponse<String> admit(byte[] body) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("https://localhost:" + server.port() + "/v1/admit"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode admitFixture(String name) throws Exception {
        HttpResponse<String> r = admit(Files.readAllBytes(fixtures().resolve(name)));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode review = JSON.readTree(r.body());
        assertThat(review.path("apiVersion").asText()).isEqualTo("admission.k8s.io/v1");
        assertThat(review.path("kind").asText()).isEqualTo("AdmissionReview");
        return review.path("response");
    }

    static String uidOf(String name) throws Exception {
        return JSON.readTree(Files.readAllBytes(fixtures().resolve(name))).path("request").path("uid").asText();
    }

    @Test
    void aDaemonSetFromAnUntrustedRegistryIsDeniedWithTheConstraintNamed() throws Exception {
        JsonNode response = admitFixture("admreview-v1-create-daemonset.json");
        assertThat(response.path("uid").asText()).isEqualTo(uidOf("admreview-v1-create-daemonset.json"));
        assertThat(response.path("allowed").asBoolean()).isFalse();
        assertThat(response.path("status").path("code").asInt()).isEqualTo(403);
        assertThat(response.path("status").path("message").asText()).isEqualTo(
                "[trusted-repos] container <fluentd-elasticsearch> uses image"
                        + " <quay.io/fluentd_elasticsearch/fluentd:v2.5.2> from an untrusted repository");
    }

    @Test
    void anUntrustedEphemeralContainerIsDenied() throws Exception {
        JsonNode response = admitFixture("admreview-v1-create-pod-ephemeral-container.json");
        assertThat(response.path("allowed").asBoolean()).isFalse();
        assertThat(response.path("status").path("message").asText())
                .isEqualTo("[trusted-repos] container <my-initcontainer> uses image <nginx> from an untrusted repository");
    }

    @Test
    void workloadsFromTrustedRegistriesAreAllowed() throws Exception {
        for (String name : List.of("admreview-v1-create-pod-from-replicaset.json",
                "admreview-v1-create-statefulset.json", "admreview-v1-update-replicaset-with-oldobject.json")) {
            JsonNode response = admitFixture(name);
            assertThat(response.path("uid").asText()).as(name).isEqualTo(uidOf(name));
            assertThat(response.path("allowed").asBoolean()).as(name).isTrue();
            // The StatefulSet violates a dryrun constraint: recorded, never shown to the user.
            assertThat(response.has("warnings")).as(name).isFalse();
        }
    }

    @Test
    void aWarnConstraintAllowsWithAWarning() throws Exception {
        JsonNode response = admitFixture("admreview-v1-create-rbac-role-no-images.json");
        assertThat(response.path("allowed").asBoolean()).isTrue();
        assertThat(response.path("warnings")).hasSize(1);
        assertThat(response.path("warnings").get(0).asText()).isEqualTo("[owner-label] Role <pod-reader> has no owner label");
    }

    @Test
    void aNullDocumentIsAClear400() throws Exception {
        HttpResponse<String> r = admit(Files.readAllBytes(fixtures().resolve("admreview-INVALID-null-document.json")));
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(r.body()).path("error").asText())
                .isEqualTo("invalid AdmissionReview: expected an AdmissionReview object, found null");
    }

    @Test
    void aRequestWithoutUidKindAndObjectIsAClear400NamingEachField() throws Exception {
        HttpResponse<String> r = admit(Files.readAllBytes(
                fixtures().resolve("admreview-v1-INVALID-request-missing-uid-kind-object.json")));
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(r.body()).path("error").asText())
                .isEqualTo("invalid AdmissionReview: missing request.uid, request.kind, request.object");
    }

    @Test
    void aYamlBodyIsAClear400() throws Exception {
        HttpResponse<String> r = admit(Files.readAllBytes(
                fixtures().resolve("admreview-v1beta1-EDGE-yaml-update-pod-no-uid.yaml")));
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(r.body()).path("error").asText()).startsWith("the request body is not JSON");
    }

    @Test
    void garbageAndEmptyBodiesAre400NeverA500() throws Exception {
        for (String body : List.of("", "{", "[]", "42", "{\"kind\":\"Pod\"}",
                "{\"kind\":\"AdmissionReview\",\"apiVersion\":\"admission.k8s.io/v1\"}",
                "{\"kind\":\"AdmissionReview\",\"apiVersion\":\"admission.k8s.io/v1\",\"request\":{\"uid\":\"u\",\"kind\":{\"kind\":\"Pod\"},\"object\":7}}")) {
            HttpResponse<String> r = admit(body.getBytes());
            assertThat(r.statusCode()).as(body).isEqualTo(400);
            assertThat(JSON.readTree(r.body()).path("error").asText()).as(body).isNotBlank();
        }
    }

    @Test
    void plainHttpIsRefused() {
        HttpClient plain = HttpClient.newHttpClient();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> plain.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/v1/admit"))
                        .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(java.io.IOException.class);
    }

    @Test
    void aTemplateThatDoesNotCompileIsRefusedAndThePreviousVersionKeepsServing() throws Exception {
        String broken = """
                apiVersion: templates.gatekeeper.sh/v1
                kind: ConstraintTemplate
                metadata: {name: testtrustedrepos}
                spec:
                  crd: {spec: {names: {kind: TestTrustedRepos}}}
                  targets:
                  - target: admission.k8s.gatekeeper.sh
                    rego: |
                      package testtrustedrepos
                      violation[{"msg": msg}] { msg := undefined_function(1) }
                """;
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(
                        URI.create("https://localhost:" + server.port() + "/v1/policies"))
                .header("Authorization", "Bearer " + ADMIN)
                .POST(HttpRequest.BodyPublishers.ofString(broken)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(422);
        assertThat(JSON.readTree(r.body()).path("error").asText()).contains("does not compile").contains("undefined_function");
        assertThat(admitFixture("admreview-v1-create-daemonset.json").path("allowed").asBoolean()).isFalse();
    }

    @Test
    void thePolicyApiNeedsAToken() throws Exception {
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(
                        URI.create("https://localhost:" + server.port() + "/v1/policies/constraints")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(401);
        HttpResponse<String> listed = client.send(HttpRequest.newBuilder(
                        URI.create("https://localhost:" + server.port() + "/v1/policies/constraints"))
                .header("Authorization", "Bearer " + ADMIN).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(listed.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(listed.body()).path("constraints")).hasSize(3);
    }
}
