package io.changegate.constraints;

import static io.changegate.constraints.Policies.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.changegate.constraints.match.Match;
import io.changegate.rego.value.ObjectValue;
import org.junit.jupiter.api.Test;

class MatchTest {
    static Match match(String yaml) {
        return Match.parse(object(yaml));
    }

    static Review podIn(String namespace, String labels) {
        return Review.ofObject(pod("web-1", namespace, labels));
    }

    @Test
    void kindsMatchByApiGroupAndKindWithWildcards() {
        assertThat(match("kinds: [{apiGroups: [''], kinds: [Pod]}]").matches(podIn("a", "{}"))).isTrue();
        assertThat(match("kinds: [{apiGroups: [apps], kinds: [Pod]}]").matches(podIn("a", "{}"))).isFalse();
        assertThat(match("kinds: [{apiGroups: ['*'], kinds: ['*']}]").matches(podIn("a", "{}"))).isTrue();
        assertThat(match("kinds: [{apiGroups: [''], kinds: [Service]}, {apiGroups: [''], kinds: [Pod]}]").matches(podIn("a", "{}"))).isTrue();
    }

    @Test
    void namespacesAndExcludedNamespacesTakePrefixAndSuffixGlobs() {
        Match m = match("namespaces: [prod-*, '*-live']\nexcludedNamespaces: [prod-secret]");
        assertThat(m.matches(podIn("prod-eu", "{}"))).isTrue();
        assertThat(m.matches(podIn("shop-live", "{}"))).isTrue();
        assertThat(m.matches(podIn("dev", "{}"))).isFalse();
        assertThat(m.matches(podIn("prod-secret", "{}"))).isFalse();
        ObjectValue clusterRole = object("{apiVersion: rbac.authorization.k8s.io/v1, kind: ClusterRole, metadata: {name: r}}");
        assertThat(m.matches(Review.ofObject(clusterRole))).as("cluster-scoped objects are not filtered by namespace").isTrue();
        ObjectValue ns = object("{apiVersion: v1, kind: Namespace, metadata: {name: dev}}");
        assertThat(m.matches(Review.ofObject(ns))).as("a Namespace matches by its own name").isFalse();
        assertThatThrownBy(() -> match("namespaces: ['a*b']")).hasMessageContaining("may hold one * only");
    }

    @Test
    void scopeSeparatesClusterAndNamespacedObjects() {
        ObjectValue ns = object("{apiVersion: v1, kind: Namespace, metadata: {name: dev}}");
        assertThat(match("scope: Cluster").matches(Review.ofObject(ns))).isTrue();
        assertThat(match("scope: Cluster").matches(podIn("a", "{}"))).isFalse();
        assertThat(match("scope: Namespaced").matches(podIn("a", "{}"))).isTrue();
        assertThatThrownBy(() -> match("scope: Everywhere")).hasMessageContaining("spec.match.scope");
    }

    @Test
    void labelSelectorsUseMatchLabelsAndEveryExpressionOperator() {
        Match m = match("""
                labelSelector:
                  matchLabels: {tier: web}
                  matchExpressions:
                  - {key: env, operator: In, values: [prod, stage]}
                  - {key: team, operator: NotIn, values: [legacy]}
                  - {key: owner, operator: Exists}
                  - {key: temp, operator: DoesNotExist}
                """);
        assertThat(m.matches(podIn("a", "{tier: web, env: prod, owner: me}"))).isTrue();
        assertThat(m.matches(podIn("a", "{tier: web, env: dev, owner: me}"))).isFalse();
        assertThat(m.matches(podIn("a", "{tier: web, env: prod, owner: me, team: legacy}"))).isFalse();
        assertThat(m.matches(podIn("a", "{tier: web, env: prod}"))).isFalse();
        assertThat(m.matches(podIn("a", "{tier: web, env: prod, owner: me, temp: 'y'}"))).isFalse();
        assertThatThrownBy(() -> match("labelSelector: {matchExpressions: [{key: a, operator: Near}]}"))
                .hasMessageContaining("spec.match.labelSelector.matchExpressions[0].operator: \"Near\" is not a valid selector operator");
    }

    @Test
    void namespaceSelectorsNeedTheNamespaceObject() {
        Match m = match("namespaceSelector: {matchLabels: {env: prod}}");
        ObjectValue prod = object("{apiVersion: v1, kind: Namespace, metadata: {name: shop, labels: {env: prod}}}");
        assertThat(m.matches(podIn("shop", "{}"))).as("unknown namespace").isFalse();
        assertThat(m.matches(podIn("shop", "{}").withNamespaceObject(prod))).isTrue();
        assertThat(Inventory.of(java.util.List.of(prod)).attachNamespace(podIn("shop", "{}")).namespaceObject()).isEqualTo(prod);
    }

    @Test
    void nameMatchesExactlyOrByGlob() {
        assertThat(match("name: web-1").matches(podIn("a", "{}"))).isTrue();
        assertThat(match("name: web-*").matches(podIn("a", "{}"))).isTrue();
        assertThat(match("name: api").matches(podIn("a", "{}"))).isFalse();
    }

    @Test
    void exemptNamespacesApplyToObjectsAndToNamespacesThemselves() {
        ExemptNamespaces exempt = ExemptNamespaces.of(java.util.List.of("kube-*", "gatekeeper-system"), "test");
        assertThat(exempt.exempts(podIn("kube-system", "{}"))).isTrue();
        assertThat(exempt.exempts(podIn("shop", "{}"))).isFalse();
        assertThat(exempt.exempts(Review.ofObject(object("{apiVersion: v1, kind: Namespace, metadata: {name: gatekeeper-system}}")))).isTrue();
    }
}
