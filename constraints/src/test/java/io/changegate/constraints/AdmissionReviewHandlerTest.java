package io.changegate.constraints;

import static io.changegate.constraints.Policies.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.changegate.constraints.admission.AdmissionReviewHandler;
import io.changegate.rego.value.Json;
import io.changegate.rego.value.Value;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class AdmissionReviewHandlerTest {
    static final PolicySet POLICIES = withConstraints(REQUIRED_LABEL_TEMPLATE,
            labelConstraint("need-owner", "match: {kinds: [{apiGroups: [''], kinds: [Pod]}]}"),
            labelConstraint("owner-hint", "enforcementAction: warn"));
    final AdmissionReviewHandler handler = new AdmissionReviewHandler(() -> POLICIES,
            ExemptNamespaces.of(List.of("kube-system"), "test"));

    static String review(String apiVersion, String namespace, String labels) {
        return """
                {"apiVersion": "%s", "kind": "AdmissionReview",
                 "request": {"uid": "u-1", "kind": {"group": "", "version": "v1", "kind": "Pod"}, "operation": "CREATE",
                  "namespace": "%s", "name": "web",
                  "object": {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "web", "namespace": "%s", "labels": %s}}}}
                """.formatted(apiVersion, namespace, namespace, labels);
    }

    Value answer(String body, int status) {
        AdmissionReviewHandler.Answer a = handler.handle(body.getBytes(StandardCharsets.UTF_8));
        assertThat(a.status()).as(a.json()).isEqualTo(status);
        return Json.parse(a.json());
    }

    @Test
    void aDenialEchoesTheUidAndListsEachViolationWithItsConstraint() {
        Value r = answer(review("admission.k8s.io/v1", "shop", "{}"), 200);
        assertThat(Fields.string(r, "apiVersion")).isEqualTo("admission.k8s.io/v1");
        assertThat(Fields.string(r, "response", "uid")).isEqualTo("u-1");
        assertThat(Fields.at(r, "response", "allowed").toJson()).isEqualTo("false");
        assertThat(Fields.string(r, "response", "status", "message")).isEqualTo("[need-owner] Pod web lacks label owner");
        assertThat(Fields.at(r, "response", "status", "code").toJson()).isEqualTo("403");
        assertThat(Fields.list(r, "response", "warnings")).extracting(Value::toJson)
                .containsExactly("\"[owner-hint] Pod web lacks label owner\"");
    }

    @Test
    void anAllowedRequestHasNoMessageAndV1beta1IsAnsweredInKind() {
        Value r = answer(review("admission.k8s.io/v1beta1", "shop", "{\"owner\": \"me\"}"), 200);
        assertThat(Fields.string(r, "apiVersion")).isEqualTo("admission.k8s.io/v1beta1");
        assertThat(Fields.at(r, "response", "allowed").toJson()).isEqualTo("true");
        assertThat(Fields.at(r, "response", "warnings")).isNull();
    }

    @Test
    void exemptNamespacesAreAllowedWithoutEvaluation() {
        Value r = answer(review("admission.k8s.io/v1", "kube-system", "{}"), 200);
        assertThat(Fields.at(r, "response", "allowed").toJson()).isEqualTo("true");
    }

    @Test
    void invalidReviewsAreClear400s() {
        assertThat(Fields.string(answer("not json", 400), "error")).startsWith("the request body is not JSON");
        assertThat(Fields.string(answer("{\"kind\": \"Pod\", \"apiVersion\": \"v1\"}", 400), "error"))
                .isEqualTo("invalid AdmissionReview: expected kind AdmissionReview with apiVersion admission.k8s.io/v1,"
                        + " found kind \"Pod\", apiVersion \"v1\"");
        assertThat(Fields.string(answer("{\"kind\": \"AdmissionReview\", \"apiVersion\": \"admission.k8s.io/v1\", \"request\": {}}", 400), "error"))
                .isEqualTo("invalid AdmissionReview: missing request.uid, request.kind, request.object");
    }
}
