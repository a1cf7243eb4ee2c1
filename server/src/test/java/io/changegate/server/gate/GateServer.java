package io.changegate.server.gate;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.changegate.constraints.ExemptNamespaces;
import io.changegate.constraints.PolicyStore;
import io.changegate.gate.LocalGate;
import io.changegate.server.ApiTokens;
import io.changegate.server.ChangegateServer;
import io.changegate.server.admission.AdmissionWebhook;
import io.changegate.server.admission.TlsMaterial;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The real server for tests: HTTPS on a random port with a generated certificate the client
 * trusts, the embedded state in a temporary directory, the gate on admission and on
 * {@code /v1/decisions}, and three tokens: a CI pipeline's, an auditor's (read only) and none.
 */
final class GateServer implements AutoCloseable {
    static final String CI = "token-of-the-ci-pipeline";
    static final String AUDITOR = "token-of-the-auditors";
    static final ObjectMapper JSON = new ObjectMapper();

    final LocalGate gate;
    final ChangegateServer server;
    final HttpClient client;

    GateServer(Path state) throws Exception {
        Path policySets = Path.of(GateServer.class.getResource("/gate/vulnerabilities-only.json").toURI());
        gate = LocalGate.open(state, null, policySets, Map.of());
        TlsMaterial tls = TlsMaterial.selfSigned(List.of("localhost", "127.0.0.1"));
        ApiTokens tokens = ApiTokens.of(Map.of(
                ApiTokens.hash(CI), new ApiTokens.Caller("payments-ci",
                        Set.of(ApiTokens.EVIDENCE_WRITE, ApiTokens.EVIDENCE_READ, ApiTokens.DECISION_WRITE)),
                ApiTokens.hash(AUDITOR), new ApiTokens.Caller("auditors", Set.of(ApiTokens.EVIDENCE_READ))));
        ChangegateServer.Builder builder = ChangegateServer.builder().port(0).store(gate.store()).tokens(tokens)
                .tls(tls.sslContext());
        AdmissionWebhook.install(builder, new PolicyStore(), ExemptNamespaces.of(List.of("ignored-*"), "test"),
                new ImageGate(gate.service(), "prod", ImageGate.TagPolicy.DENY));
        DecisionRoutes.install(builder, gate.service());
        server = builder.build().start();
        client = HttpClient.newBuilder().sslContext(trusting(tls)).build();
    }

    @Override
    public void close() {
        server.stop();
        gate.close();
    }

    private static SSLContext trusting(TlsMaterial tls) throws Exception {
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        trusted.setCertificateEntry("server", tls.chain().get(0));
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }

    HttpResponse<String> post(String path, String token, byte[] body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("https://localhost:" + server.port() + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Ingests a shared fixture through {@code POST /v1/evidence} as the CI pipeline; returns the stored item. */
    JsonNode ingest(String fixture, String subject) throws Exception {
        String query = "?subject=" + URLEncoder.encode(subject, StandardCharsets.UTF_8) + "&filename=" + fixture;
        HttpResponse<String> response = post("/v1/evidence" + query, CI, Files.readAllBytes(fixtures().resolve(fixture)));
        if (response.statusCode() != 201) {
            throw new AssertionError("ingesting " + fixture + " answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }

    static Path fixtures() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("mvnw"))) {
            dir = dir.getParent();
        }
        Path fixtures = dir == null ? null : dir.resolve("../shared/fixtures").normalize();
        assumeTrue(fixtures != null && Files.isDirectory(fixtures),
                "../shared/fixtures is absent beside the checkout: the gate's fixture tests are skipped");
        return fixtures;
    }
}
