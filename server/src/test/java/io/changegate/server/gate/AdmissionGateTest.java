package io.changegate.server.gate;

import static io.changegate.server.gate.GateServer.JSON;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.changegate.constraints.ExemptNamespaces;
import io.changegate.constraints.PolicyStore;
import io.changegate.constraints.admission.AdmissionReviewHandler;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The admission webhook asks the deployment gate about the images it admits, over HTTPS with real AdmissionReviews. */
class AdmissionGateTest {
    static final String POD = "k8s-admissionreview/admreview-v1-create-pod-from-replicaset.json";
    static final String DAEMONSET = "k8s-admissionreview/admreview-v1-create-daemonset.json";
    static final String IMAGE_DIGEST = "sha256:91ac9b26df583762234c1cdb2fc930364754ccc59bc752a2bfe298d2ea68f9ff";
    static final String IMAGE = "securesystemsengineering/charlie-image@" + IMAGE_DIGEST;

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

    static JsonNode admit(byte[] review) throws Exception {
        HttpResponse<String> response = server.post("/v1/admit", null, review);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode answer = JSON.readTree(response.body());
        assertThat(answer.path("kind").asText()).isEqualTo("AdmissionReview");
        return answer.path("response");
    }

    static byte[] fixture(String name) throws Exception {
        return Files.readAllBytes(GateServer.fixtures().resolve(name));
    }

    @Test
    void aPodWhoseImageHasACriticalCveIsDeniedNamingItAndAllowedAfterTheFixedScan() throws Exception {
        server.ingest("trivy/trivy-image-alpine39-vulns.json", IMAGE_DIGEST);

        JsonNode denied = admit(fixture(POD));
        assertThat(denied.path("uid").asText()).isEqualTo("0c3331b6-1812-11ea-b3fc-02897404852e");
        assertThat(denied.path("allowed").asBoolean()).isFalse();
        assertThat(denied.path("status").path("code").asInt()).isEqualTo(403);
        assertThat(denied.path("status").path("message").asText().split("\n")).containsExactly(
                "[gate:vulnerabilities] container " + IMAGE + " contains unaccepted CVE CVE-2019-14697"
                        + " (musl 1.1.20-r4, CRITICAL, fixed in 1.1.20-r5)",
                "[gate:vulnerabilities] container " + IMAGE + " contains unaccepted CVE CVE-2019-14697"
                        + " (musl-utils 1.1.20-r4, CRITICAL, fixed in 1.1.20-r5)");
        assertThat(denied.path("auditAnnotations").path("changegate.io/decision").asText()).isEqualTo("denied");
        String decisionId = denied.path("auditAnnotations").path("changegate.io/decision-id").asText();
        assertThat(decisionId).isNotBlank();

        server.ingest("grype/grype-0.7.0-image-no-matches-EDGE.json", IMAGE_DIGEST);

        JsonNode allowed = admit(fixture(POD));
        assertThat(allowed.path("allowed").asBoolean()).isTrue();
        assertThat(allowed.path("status").path("code").asInt()).isEqualTo(200);
        assertThat(allowed.path("warnings").get(0).asText())
                .isEqualTo("[gate:dast] artifact " + IMAGE + " has no DAST report");
        assertThat(allowed.path("auditAnnotations").path("changegate.io/decision-id").asText()).isNotEqualTo(decisionId);
    }

    @Test
    void anImageReferencedByTagOnlyIsDeniedWithAClearMessage() throws Exception {
        JsonNode denied = admit(fixture(DAEMONSET));
        assertThat(denied.path("allowed").asBoolean()).isFalse();
        assertThat(denied.path("status").path("message").asText()).isEqualTo(
                "[gate:image-digest] image quay.io/fluentd_elasticsearch/fluentd:v2.5.2 is referenced by tag, not by digest;"
                        + " prod admits images by digest only (quay.io/fluentd_elasticsearch/fluentd:v2.5.2@sha256:…)"
                        + " so that their evidence can be checked");
        assertThat(denied.has("auditAnnotations")).as("no decision is asked for without a digest").isFalse();
    }

    @Test
    void withTheAllowTagPolicyATagOnlyImageIsAdmittedWithAWarning() throws Exception {
        var handler = new AdmissionReviewHandler(new PolicyStore()::current, ExemptNamespaces.NONE,
                new ImageGate(server.gate.service(), "prod", ImageGate.TagPolicy.ALLOW));
        JsonNode response = JSON.readTree(handler.handle(fixture(DAEMONSET)).json()).path("response");
        assertThat(response.path("allowed").asBoolean()).isTrue();
        assertThat(response.path("warnings").get(0).asText()).isEqualTo("[gate:image-digest] image"
                + " quay.io/fluentd_elasticsearch/fluentd:v2.5.2 is referenced by tag only and was admitted without checking its evidence");
    }

    @Test
    void exemptNamespacesAreNotJudgedByTheGate() throws Exception {
        var handler = new AdmissionReviewHandler(new PolicyStore()::current, ExemptNamespaces.of(List.of("kube-*"), "test"),
                new ImageGate(server.gate.service(), "prod", ImageGate.TagPolicy.DENY));
        JsonNode response = JSON.readTree(handler.handle(fixture(DAEMONSET)).json()).path("response");
        assertThat(response.path("allowed").asBoolean()).isTrue();
        assertThat(response.has("warnings")).isFalse();
    }

    @Test
    void deletingAWorkloadIsNeverJudged() throws Exception {
        ObjectNode review = (ObjectNode) JSON.readTree(fixture(DAEMONSET));
        ObjectNode request = (ObjectNode) review.get("request");
        request.put("operation", "DELETE");
        request.set("oldObject", request.get("object"));
        request.putNull("object");
        JsonNode response = admit(JSON.writeValueAsBytes(review));
        assertThat(response.path("allowed").asBoolean()).isTrue();
    }

    @Test
    void anUnknownAdmissionEnvironmentRefusesWithTheReasonNeverAllows() throws Exception {
        var handler = new AdmissionReviewHandler(new PolicyStore()::current, ExemptNamespaces.NONE,
                new ImageGate(server.gate.service(), "moon", ImageGate.TagPolicy.DENY));
        JsonNode response = JSON.readTree(handler.handle(fixture(POD)).json()).path("response");
        assertThat(response.path("allowed").asBoolean()).isFalse();
        assertThat(response.path("status").path("code").asInt()).isEqualTo(500);
        assertThat(response.path("status").path("message").asText())
                .startsWith("the deployment gate could not decide: environment: unknown environment 'moon'");
    }

    @Test
    void imagesAreReadFromPodTemplatesOfEveryWorkloadKind() throws Exception {
        String container = "{\"containers\": [{\"name\": \"app\", \"image\": \"a@" + IMAGE_DIGEST + "\"}],"
                + " \"initContainers\": [{\"name\": \"init\", \"image\": \"b:1\"}]}";
        for (String kind : List.of("Deployment", "StatefulSet", "DaemonSet", "Job", "ReplicaSet")) {
            var object = io.changegate.rego.value.Json.parse("{\"kind\": \"" + kind + "\", \"spec\": {\"template\": {\"spec\": "
                    + container + "}}}");
            assertThat(ImageGate.imagesOf((io.changegate.rego.value.ObjectValue) object)).as(kind)
                    .containsExactly("a@" + IMAGE_DIGEST, "b:1");
        }
        var cronJob = io.changegate.rego.value.Json.parse("{\"kind\": \"CronJob\", \"spec\": {\"jobTemplate\": {\"spec\":"
                + " {\"template\": {\"spec\": " + container + "}}}}}");
        assertThat(ImageGate.imagesOf((io.changegate.rego.value.ObjectValue) cronJob)).containsExactly("a@" + IMAGE_DIGEST, "b:1");
        var role = io.changegate.rego.value.Json.parse("{\"kind\": \"Role\", \"rules\": []}");
        assertThat(ImageGate.imagesOf((io.changegate.rego.value.ObjectValue) role)).isEmpty();
    }
}
