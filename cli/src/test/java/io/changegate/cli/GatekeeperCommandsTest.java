package io.changegate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** changegate verify and changegate audit, run in-process on small policy sets. */
class GatekeeperCommandsTest {
    static final String TEMPLATE = """
            apiVersion: templates.gatekeeper.sh/v1
            kind: ConstraintTemplate
            metadata: {name: testnolatest}
            spec:
              crd: {spec: {names: {kind: TestNoLatest}}}
              targets:
              - target: admission.k8s.gatekeeper.sh
                rego: |
                  package testnolatest
                  violation[{"msg": msg}] {
                    c := input.review.object.spec.containers[_]
                    endswith(c.image, ":latest")
                    msg := sprintf("container <%v> uses a latest tag", [c.name])
                  }
            """;
    static final String CONSTRAINT = """
            apiVersion: constraints.gatekeeper.sh/v1beta1
            kind: TestNoLatest
            metadata: {name: no-latest}
            spec:
              match: {kinds: [{apiGroups: [''], kinds: [Pod]}]}
            """;

    @TempDir
    Path dir;

    static String pod(String name, String image) {
        return """
                {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "%s", "namespace": "shop"},
                 "spec": {"containers": [{"name": "app", "image": "%s"}]}}""".formatted(name, image);
    }

    Path policies() throws Exception {
        Path p = Files.createDirectories(dir.resolve("policies"));
        Files.writeString(p.resolve("policy.yaml"), TEMPLATE + "---\n" + CONSTRAINT);
        return p;
    }

    @Test
    void verifyRunsASuiteAndClosesWithTheCounts() throws Exception {
        Path suite = Files.createDirectories(dir.resolve("suite"));
        Files.writeString(suite.resolve("template.yaml"), TEMPLATE);
        Files.writeString(suite.resolve("constraint.yaml"), CONSTRAINT);
        Files.writeString(suite.resolve("good.yaml"), pod("good", "nginx:1.27"));
        Files.writeString(suite.resolve("bad.yaml"), pod("bad", "nginx:latest"));
        Files.writeString(suite.resolve("suite.yaml"), """
                kind: Suite
                apiVersion: test.gatekeeper.sh/v1alpha1
                tests:
                - name: no-latest
                  template: template.yaml
                  constraint: constraint.yaml
                  cases:
                  - {name: good, object: good.yaml, assertions: [{violations: no}]}
                  - {name: bad, object: bad.yaml, assertions: [{violations: yes}, {violations: 1, message: "latest tag"}]}
                  - {name: wrong, object: bad.yaml, assertions: [{violations: "no"}]}
                """);
        Cli r = Cli.run("verify", suite.toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out()).contains("FAIL suite/suite.yaml / no-latest / wrong: assertions[0]: expected no violations, got 1 [[no-latest] container <app> uses a latest tag]");
        assertThat(r.out().strip()).endsWith("2 passed, 1 failed");
        assertThat(r.hasNoStackTrace()).isTrue();
    }

    @Test
    void auditReportsEveryViolationTotalsAndExitsOneOnDenials() throws Exception {
        Path objects = dir.resolve("pods.json");
        Files.writeString(objects, "{\"apiVersion\": \"v1\", \"kind\": \"List\", \"items\": [" + pod("a", "nginx:latest")
                + ", " + pod("b", "nginx:1.27") + "]}");
        Cli r = Cli.run("audit", "--policies", policies().toString(), objects.toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out()).contains("deny [no-latest] container <app> uses a latest tag  (v1 Pod shop/a)");
        assertThat(r.out()).containsPattern("TestNoLatest/no-latest\\s+deny\\s+1 violations");
        assertThat(r.out()).contains("audited 2 objects against 1 constraints (0 exempt): 1 violations (1 deny, 0 warn, 0 dryrun)");
        assertThat(Cli.run("audit", "--policies", policies().toString(), "--fail-on", "never", objects.toString()).exitCode()).isZero();
        assertThat(Cli.run("audit", "--policies", policies().toString(), "--exempt-namespace", "shop", objects.toString()).exitCode()).isZero();
    }

    @Test
    void auditWritesAPolicyReport() throws Exception {
        Path objects = dir.resolve("pod.yaml");
        Files.writeString(objects, pod("a", "nginx:latest"));
        Path report = dir.resolve("report.yaml");
        Cli r = Cli.run("audit", "--policies", policies().toString(), "-f", "yaml", "-o", report.toString(), objects.toString());
        assertThat(r.exitCode()).isEqualTo(1);
        String yaml = Files.readString(report);
        assertThat(yaml).startsWith("apiVersion: \"wgpolicyk8s.io/v1alpha2\"\nkind: \"PolicyReport\"\n");
        assertThat(yaml).contains("    policy: \"TestNoLatest\"\n").contains("    rule: \"no-latest\"\n")
                .contains("    result: \"fail\"\n").contains("summary:\n  error: 0\n  fail: 1\n  pass: 0\n");
        var parsed = io.changegate.constraints.yaml.KubeYaml.parse("report.yaml", yaml).get(0).value();
        assertThat(io.changegate.constraints.Fields.string(parsed, "kind")).isEqualTo("PolicyReport");
    }

    @Test
    void auditListsALiveClusterPageByPage() throws Exception {
        List<String> seen = new ArrayList<>();
        HttpServer api = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        api.createContext("/", exchange -> {
            String path = exchange.getRequestURI().toString();
            synchronized (seen) {
                seen.add(path + " " + exchange.getRequestHeaders().getFirst("Authorization"));
            }
            String body = switch (exchange.getRequestURI().getPath()) {
                case "/api" -> "{\"kind\": \"APIVersions\", \"versions\": [\"v1\"]}";
                case "/apis" -> "{\"kind\": \"APIGroupList\", \"groups\": [{\"name\": \"apps\", \"preferredVersion\": {\"groupVersion\": \"apps/v1\"}}]}";
                case "/api/v1" -> "{\"resources\": [{\"name\": \"pods\", \"kind\": \"Pod\", \"namespaced\": true, \"verbs\": [\"list\", \"get\"]},"
                        + "{\"name\": \"pods/log\", \"kind\": \"Pod\", \"namespaced\": true, \"verbs\": [\"get\"]},"
                        + "{\"name\": \"secrets\", \"kind\": \"Secret\", \"namespaced\": true, \"verbs\": [\"list\"]}]}";
                case "/apis/apps/v1" -> "{\"resources\": [{\"name\": \"deployments\", \"kind\": \"Deployment\", \"namespaced\": true, \"verbs\": [\"list\"]}]}";
                case "/api/v1/pods" -> exchange.getRequestURI().getQuery().contains("continue=next+page")
                        ? "{\"kind\": \"PodList\", \"metadata\": {}, \"items\": [" + strip(pod("b", "redis:latest")) + "]}"
                        : "{\"kind\": \"PodList\", \"metadata\": {\"continue\": \"next page\"}, \"items\": [" + strip(pod("a", "nginx:1")) + "]}";
                default -> null;
            };
            byte[] bytes = (body == null ? "{\"kind\": \"Status\", \"message\": \"not found\"}" : body).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(body == null ? 404 : 200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        api.start();
        try {
            Path kubeconfig = dir.resolve("kubeconfig");
            Files.writeString(kubeconfig, """
                    apiVersion: v1
                    kind: Config
                    current-context: test
                    contexts: [{name: test, context: {cluster: fake, user: auditor}}]
                    clusters: [{name: fake, cluster: {server: "http://127.0.0.1:%d"}}]
                    users: [{name: auditor, user: {token: audit-token}}]
                    """.formatted(api.getAddress().getPort()));
            Cli r = Cli.run("audit", "--policies", policies().toString(), "--cluster", "--kubeconfig", kubeconfig.toString(),
                    "--page-size", "1");
            assertThat(r.err()).isEmpty();
            assertThat(r.exitCode()).isEqualTo(1);
            assertThat(r.out()).contains("deny [no-latest] container <app> uses a latest tag  (v1 Pod shop/b)")
                    .contains("audited 2 objects");
            assertThat(seen).contains("/api/v1/pods?limit=1 Bearer audit-token", "/api/v1/pods?limit=1&continue=next+page Bearer audit-token");
            assertThat(seen).noneMatch(s -> s.startsWith("/api/v1/secrets") || s.startsWith("/apis/apps/v1/deployments"));
        } finally {
            api.stop(0);
        }
    }

    static String strip(String podJson) {
        // List items carry no apiVersion or kind; the lister fills them in from the resource.
        return podJson.replace("\"apiVersion\": \"v1\", \"kind\": \"Pod\", ", "");
    }

    @Test
    void auditExplainsAMissingKubeconfigEntry() throws Exception {
        Path kubeconfig = dir.resolve("kubeconfig");
        Files.writeString(kubeconfig, "apiVersion: v1\nkind: Config\ncurrent-context: nowhere\n");
        Cli r = Cli.run("audit", "--policies", policies().toString(), "--cluster", "--kubeconfig", kubeconfig.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("no entry named \"nowhere\" in contexts");
        assertThat(r.hasNoStackTrace()).isTrue();
    }
}
