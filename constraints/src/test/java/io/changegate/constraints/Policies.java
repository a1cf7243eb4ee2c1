package io.changegate.constraints;

import io.changegate.constraints.yaml.KubeYaml;
import io.changegate.rego.value.ObjectValue;
import java.util.List;

/** Builds policy sets and objects from YAML text for tests. */
final class Policies {
    static final String REQUIRED_LABEL_TEMPLATE = """
            apiVersion: templates.gatekeeper.sh/v1
            kind: ConstraintTemplate
            metadata: {name: testrequiredlabel}
            spec:
              crd:
                spec:
                  names: {kind: TestRequiredLabel}
                  validation:
                    openAPIV3Schema:
                      type: object
                      required: [label]
                      properties:
                        label: {type: string}
                        mode: {type: string, enum: [strict, lax]}
              targets:
              - target: admission.k8s.gatekeeper.sh
                rego: |
                  package testrequiredlabel
                  violation[{"msg": msg, "details": {"missing": input.parameters.label}}] {
                    not input.review.object.metadata.labels[input.parameters.label]
                    msg := sprintf("%v %v lacks label %v", [input.review.kind.kind, input.review.object.metadata.name, input.parameters.label])
                  }
            """;

    private Policies() {
    }

    static ObjectValue object(String yaml) {
        return (ObjectValue) KubeYaml.parse("test.yaml", yaml).get(0).value();
    }

    static PolicySet withConstraints(String template, String... constraints) {
        PolicySet set = PolicySet.EMPTY.withTemplate(ConstraintTemplate.parse(object(template), "template.yaml"));
        for (String c : constraints) {
            set = set.withConstraint(Constraint.parse(object(c), "constraint.yaml"), "constraint.yaml");
        }
        return set;
    }

    static String labelConstraint(String name, String extraSpec) {
        return """
                apiVersion: constraints.gatekeeper.sh/v1beta1
                kind: TestRequiredLabel
                metadata: {name: %s}
                spec:
                  parameters: {label: owner}
                %s""".formatted(name, extraSpec.indent(2));
    }

    static ObjectValue pod(String name, String namespace, String labels) {
        return object("""
                apiVersion: v1
                kind: Pod
                metadata: {name: %s, namespace: %s, labels: %s}
                spec: {containers: [{name: app, image: nginx}]}
                """.formatted(name, namespace, labels));
    }

    static List<String> messages(ReviewResult r) {
        return r.violations().stream().map(Violation::render).toList();
    }
}
