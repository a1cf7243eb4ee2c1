package io.changegate.cli;

import io.changegate.constraints.ConstraintException;
import io.changegate.constraints.ExemptNamespaces;
import io.changegate.constraints.PolicyDirectoryWatcher;
import io.changegate.constraints.PolicyStore;
import io.changegate.evidence.store.EvidenceStore;
import io.changegate.evidence.store.StoreException;
import io.changegate.server.ApiTokens;
import io.changegate.server.ChangegateServer;
import io.changegate.server.admission.AdmissionWebhook;
import io.changegate.server.admission.TlsMaterial;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code changegate serve}: the HTTPS server with the Gatekeeper-compatible admission webhook
 * ({@code POST /v1/admit}), its policy API and the evidence API. Templates and constraints come
 * from {@code --policies DIR}, reloaded when files change, and from {@code POST /v1/policies}.
 */
@Command(name = "serve", sortOptions = false,
        description = {"Serve the admission webhook (POST /v1/admit) and the REST API over HTTPS.",
                "Without --tls-cert/--tls-key a self-signed certificate is generated for local use."})
final class ServeCommand extends CliCommand {
    @Option(names = "--policies", paramLabel = "DIR",
            description = "ConstraintTemplates and constraints (YAML/JSON, multi-document), reloaded on change.")
    Path policies;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to bind (default: ${DEFAULT-VALUE}; 0.0.0.0 in a cluster).")
    String host;

    @Option(names = "--port", defaultValue = "8443", description = "HTTPS port (default: ${DEFAULT-VALUE}; 0 picks a free one).")
    int port;

    @Option(names = "--tls-cert", paramLabel = "PEM", description = "Certificate chain (PEM).")
    Path tlsCert;

    @Option(names = "--tls-key", paramLabel = "PEM", description = "Private key (PEM, PKCS#8 or PKCS#1/SEC1, unencrypted).")
    Path tlsKey;

    @Option(names = "--tls-dir", paramLabel = "DIR", defaultValue = ".changegate/tls",
            description = "Where a generated self-signed pair is written (default: ${DEFAULT-VALUE}).")
    Path tlsDir;

    @Option(names = "--tls-san", paramLabel = "NAME", split = ",",
            description = "Names and IPs in a generated certificate (default: localhost, 127.0.0.1, changegate.changegate.svc).")
    List<String> tlsNames = new ArrayList<>();

    @Option(names = "--exempt-namespace", paramLabel = "NS", split = ",",
            description = "Namespaces no constraint applies to (names or prefix*/ *suffix globs), as Gatekeeper's Config exempts them.")
    List<String> exemptNamespaces = new ArrayList<>();

    @Option(names = "--reload-interval", paramLabel = "MS", defaultValue = "2000",
            description = "How often --policies is checked for changes, in milliseconds (default: ${DEFAULT-VALUE}).")
    long reloadMillis;

    @Option(names = "--store", paramLabel = "DIR", defaultValue = ".changegate/store",
            description = "The embedded evidence store (default: ${DEFAULT-VALUE}).")
    Path store;

    @Option(names = "--tokens", paramLabel = "FILE",
            description = "API tokens (JSON, SHA-256 hashes with scopes); without it the write APIs refuse every caller.")
    Path tokens;

    @Override
    protected int execute() throws Exception {
        if ((tlsCert == null) != (tlsKey == null)) {
            throw new CliException("changegate serve: give both --tls-cert and --tls-key, or neither for a self-signed pair", 2);
        }
        ExemptNamespaces exempt;
        ApiTokens apiTokens;
        try {
            exempt = ExemptNamespaces.of(exemptNamespaces, "--exempt-namespace");
            apiTokens = tokens == null ? ApiTokens.of(Map.of()) : ApiTokens.load(tokens);
        } catch (IllegalArgumentException e) {
            throw new CliException("changegate serve: " + e.getMessage(), 2);
        }
        TlsMaterial tls;
        try {
            tls = tlsCert != null ? TlsMaterial.fromPem(tlsCert, tlsKey) : selfSigned();
        } catch (IllegalArgumentException e) {
            throw new CliException("changegate serve: " + e.getMessage(), 2);
        }
        PolicyStore policyStore = new PolicyStore();
        PolicyDirectoryWatcher watcher = null;
        if (policies != null) {
            if (!Files.isDirectory(policies)) {
                throw new CliException("changegate serve: --policies " + policies + " is not a directory", 2);
            }
            PolicyStore.LoadReport report = policyStore.loadDirectory(policies);
            report.errors().forEach(e -> err().println("changegate: rejected: " + e));
            out().println("changegate: loaded " + report.templates() + " templates and " + report.constraints()
                    + " constraints from " + policies);
            watcher = PolicyDirectoryWatcher.start(policies, policyStore, reloadMillis, r -> {
                r.errors().forEach(e -> err().println("changegate: rejected: " + e));
                out().println("changegate: reloaded " + policies + ": " + r.templates() + " templates, "
                        + r.constraints() + " constraints");
                out().flush();
                err().flush();
            });
        }
        EvidenceStore evidence;
        try {
            evidence = EvidenceStore.openEmbedded(store);
        } catch (StoreException e) {
            throw new CliException("changegate serve: " + e.getMessage(), 2);
        }
        ChangegateServer.Builder builder = ChangegateServer.builder().host(host).port(port).store(evidence)
                .tokens(apiTokens).tls(tls.sslContext());
        ChangegateServer server;
        try {
            server = AdmissionWebhook.install(builder, policyStore, exempt).build().start();
        } catch (ConstraintException | IllegalStateException | java.io.UncheckedIOException e) {
            evidence.close();
            throw new CliException("changegate serve: cannot listen on " + host + ":" + port + ": " + e.getMessage(), 1);
        }
        out().println("changegate: admission webhook on https://" + host + ":" + server.port() + "/v1/admit");
        out().flush();
        CountDownLatch stopped = new CountDownLatch(1);
        PolicyDirectoryWatcher w = watcher;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (w != null) {
                w.close();
            }
            server.stop();
            evidence.close();
            stopped.countDown();
        }, "changegate-shutdown"));
        stopped.await();
        return 0;
    }

    private TlsMaterial selfSigned() throws java.io.IOException {
        List<String> names = tlsNames.isEmpty()
                ? List.of("localhost", "127.0.0.1", "changegate.changegate.svc") : tlsNames;
        TlsMaterial tls = TlsMaterial.selfSigned(names);
        tls.write(tlsDir);
        out().println("changegate: generated a self-signed certificate for " + String.join(", ", names)
                + " in " + tlsDir + " (tls.crt, tls.key) — for local use only.");
        out().println("To register the webhook with a cluster, put this caBundle into deploy/validating-webhook.yaml:");
        out().println("  caBundle: " + tls.caBundle());
        out().println("then: kubectl apply -f deploy/validating-webhook.yaml   (see deploy/README.md for failurePolicy)");
        return tls;
    }
}
