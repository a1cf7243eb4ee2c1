package io.changegate.constraints;

import static io.changegate.constraints.Policies.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.changegate.rego.value.StringValue;
import java.util.List;
import org.junit.jupiter.api.Test;

class PolicySetTest {

    @Test
    void aViolationIsReportedWithItsConstraintNameMessageAndDetails() {
        PolicySet set = withConstraints(REQUIRED_LABEL_TEMPLATE, labelConstraint("need-owner", ""));
        ReviewResult r = set.review(Review.ofObject(pod("web", "shop", "{}")), Constraint.WEBHOOK);
        assertThat(messages(r)).containsExactly("[need-owner] Pod web lacks label owner");
        assertThat(r.violations().get(0).details()).isEqualTo(io.changegate.rego.value.ObjectValue.of("missing", StringValue.of("owner")));
        assertThat(r.violations().get(0).actions()).containsExactly("deny");
        assertThat(set.review(Review.ofObject(pod("web", "shop", "{owner: me}")), Constraint.WEBHOOK).violations()).isEmpty();
    }

    @Test
    void parametersAreValidatedAgainstTheTemplateSchemaInKubernetesWords() {
        String wrongType = """
                apiVersion: constraints.gatekeeper.sh/v1beta1
                kind: TestRequiredLabel
                metadata: {name: bad}
                spec:
                  parameters: {label: [owner], mode: loose}
                """;
        assertThatThrownBy(() -> withConstraints(REQUIRED_LABEL_TEMPLATE, wrongType))
                .hasMessageContaining("TestRequiredLabel.constraints.gatekeeper.sh \"bad\" is invalid: "
                        + "spec.parameters.label: Invalid value: \"array\": spec.parameters.label in body must be of type string: \"array\"")
                .hasMessageContaining("spec.parameters.mode: Unsupported value: \"loose\": supported values: \"strict\", \"lax\"");
        String missing = wrongType.replace("{label: [owner], mode: loose}", "{mode: strict}");
        assertThatThrownBy(() -> withConstraints(REQUIRED_LABEL_TEMPLATE, missing))
                .hasMessageContaining("spec.parameters.label: Required value");
    }

    @Test
    void aConstraintOfAnUnknownKindIsRejected() {
        String other = labelConstraint("x", "").replace("kind: TestRequiredLabel", "kind: Unknown");
        assertThatThrownBy(() -> withConstraints(REQUIRED_LABEL_TEMPLATE, other))
                .hasMessageContaining("no ConstraintTemplate defines the kind Unknown");
    }

    @Test
    void aTemplateThatDoesNotCompileNamesTheRegoError() {
        String broken = REQUIRED_LABEL_TEMPLATE.replace("not input.review.object.metadata.labels[input.parameters.label]",
                "no_such_function(1)");
        assertThatThrownBy(() -> withConstraints(broken))
                .isInstanceOf(ConstraintException.class)
                .hasMessageContaining("template.yaml (ConstraintTemplate testrequiredlabel): the Rego does not compile")
                .hasMessageContaining("no_such_function");
    }

    @Test
    void aTemplateNameMustBeTheLowercaseOfItsKind() {
        String misnamed = REQUIRED_LABEL_TEMPLATE.replace("name: testrequiredlabel", "name: other");
        assertThatThrownBy(() -> withConstraints(misnamed))
                .hasMessageContaining("metadata.name must be the lowercase of spec.crd.spec.names.kind (testrequiredlabel)");
    }

    @Test
    void warnAndDryrunActionsAreCarriedAndScopedActionsDependOnTheEnforcementPoint() {
        PolicySet set = withConstraints(REQUIRED_LABEL_TEMPLATE,
                labelConstraint("warned", "enforcementAction: warn"),
                labelConstraint("recorded", "enforcementAction: dryrun"),
                labelConstraint("scoped", """
                        enforcementAction: scoped
                        scopedEnforcementActions:
                        - action: warn
                          enforcementPoints: [{name: validation.gatekeeper.sh}]
                        - action: deny
                          enforcementPoints: [{name: audit.gatekeeper.sh}]
                        """));
        ReviewResult atWebhook = set.review(Review.ofObject(pod("web", "shop", "{}")), Constraint.WEBHOOK);
        assertThat(atWebhook.withAction("warn")).extracting(Violation::constraintName).containsExactly("scoped", "warned");
        assertThat(atWebhook.withAction("dryrun")).extracting(Violation::constraintName).containsExactly("recorded");
        assertThat(atWebhook.withAction("deny")).isEmpty();
        ReviewResult atAudit = set.review(Review.ofObject(pod("web", "shop", "{}")), Constraint.AUDIT);
        assertThat(atAudit.withAction("deny")).extracting(Violation::constraintName).containsExactly("scoped");
    }

    @Test
    void anUnknownEnforcementActionIsRejected() {
        assertThatThrownBy(() -> withConstraints(REQUIRED_LABEL_TEMPLATE, labelConstraint("x", "enforcementAction: block")))
                .hasMessageContaining("spec.enforcementAction \"block\" is not one of deny, dryrun, warn, scoped");
    }

    @Test
    void referentialTemplatesReadTheInventoryInGatekeepersLayout() {
        String template = """
                apiVersion: templates.gatekeeper.sh/v1
                kind: ConstraintTemplate
                metadata: {name: testuniquename}
                spec:
                  crd: {spec: {names: {kind: TestUniqueName}}}
                  targets:
                  - target: admission.k8s.gatekeeper.sh
                    rego: |
                      package testuniquename
                      violation[{"msg": msg}] {
                        other := data.inventory.namespace[ns]["v1"]["Pod"][input.review.object.metadata.name]
                        ns != input.review.object.metadata.namespace
                        msg := sprintf("name also used in %v", [ns])
                      }
                      violation[{"msg": "cluster"}] { data.inventory.cluster["v1"]["Namespace"]["shop"] }
                """;
        String constraint = """
                apiVersion: constraints.gatekeeper.sh/v1beta1
                kind: TestUniqueName
                metadata: {name: unique}
                """;
        PolicySet set = withConstraints(template, constraint).withInventory(Inventory.of(List.of(
                pod("web", "other", "{}"), object("{apiVersion: v1, kind: Namespace, metadata: {name: shop}}"))));
        assertThat(messages(set.review(Review.ofObject(pod("web", "shop", "{}")), Constraint.GATOR)))
                .containsExactlyInAnyOrder("[unique] name also used in other", "[unique] cluster");
    }

    @Test
    void externalDataAnswersThatNoProviderIsAvailable() {
        String template = """
                apiVersion: templates.gatekeeper.sh/v1
                kind: ConstraintTemplate
                metadata: {name: testexternal}
                spec:
                  crd: {spec: {names: {kind: TestExternal}}}
                  targets:
                  - target: admission.k8s.gatekeeper.sh
                    rego: |
                      package testexternal
                      violation[{"msg": msg}] {
                        response := external_data({"provider": "cosign", "keys": ["nginx"]})
                        response.system_error != ""
                        msg := response.system_error
                      }
                """;
        PolicySet set = withConstraints(template, "{apiVersion: constraints.gatekeeper.sh/v1beta1, kind: TestExternal, metadata: {name: ext}}");
        assertThat(messages(set.review(Review.ofObject(pod("web", "shop", "{}")), Constraint.WEBHOOK))).containsExactly(
                "[ext] external data provider \"cosign\" is not available: Changegate has no external data providers configured");
    }

    @Test
    void celTemplatesAreAcceptedAndTheirRegoIsUsed() {
        String template = """
                apiVersion: templates.gatekeeper.sh/v1
                kind: ConstraintTemplate
                metadata: {name: testcel}
                spec:
                  crd: {spec: {names: {kind: TestCel}}}
                  targets:
                  - target: admission.k8s.gatekeeper.sh
                    code:
                    - engine: K8sNativeValidation
                      source: {validations: [{expression: "false", message: cel}]}
                    - engine: Rego
                      source:
                        version: v1
                        rego: |
                          package testcel
                          violation contains {"msg": "from rego"} if input.review.object.kind == "Pod"
                """;
        PolicySet set = withConstraints(template, "{apiVersion: constraints.gatekeeper.sh/v1beta1, kind: TestCel, metadata: {name: cel}}");
        assertThat(messages(set.review(Review.ofObject(pod("web", "shop", "{}")), Constraint.WEBHOOK))).containsExactly("[cel] from rego");
        String celOnly = template.substring(0, template.indexOf("    - engine: Rego"));
        assertThatThrownBy(() -> withConstraints(celOnly)).hasMessageContaining("CEL-only templates are not supported");
    }
}
