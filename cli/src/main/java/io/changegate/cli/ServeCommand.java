package io.changegate.cli;

import io.changegate.constraints.ConstraintException;
import io.changegate.constraints.ExemptNamespaces;
import io.changegate.constraints.PolicyDirectoryWatcher;
import io.changegate.constraints.PolicyStore;
import io.changegate.constraints.admission.AdmissionCheck;
import io.changegate.evidence.store.StoreException;
import io.changegate.gate.LocalGate;
import io.changegate.gate.policy.CompiledPolicies;
import io.changegate.gate.record.DecisionSigner;
import io.changegate.rego.RegoException;
import io.changegate.server.ApiTokens;
import io.changegate.server.ChangegateServer;
import io.changegate.server.admission.AdmissionWebhook;
import io.changegate.server.admission.TlsMaterial;
import io.changegate.server.gate.DecisionRoutes;
import io.changegate.server.gate.ImageGate;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code changegate serve}: the whole product over HTTPS. With no configuration it keeps its state
 * under {@code .changegate/} (embedded evidence store, decision key, TLS pair, token hashes,
 * admission constraints), serves the admission webhook with the deployment gate on images, the
 * gate's decision API, and the evidence API with its log, and creates an administrator token on
 * the first start, printed once.
 */
@Command(name = "serve", sortOptions = false, mixinStandardHelpOptions = true,
        description = {"Serve Changegate over HTTPS: POST /v1/admit (admission webhook), POST /v1/decisions (the gate),",
                "/v1/evidence and /v1/log (evidence API and log), /v1/policies (admission templates and constraints).",
                "Without options: state in .changegate/, a self-signed certificate, the default policy library,",
                "and an admin token created on the first start (printed once)."})
final class ServeCommand extends CliCommand {

    @Option(names = "--evidence", paramLabel = "DIR", defaultValue = ".changegate",
            description = "The state directory: evidence store, decision key, governance files, TLS pair, tokens (default: ${DEFAULT-VALUE}).")
    Path state;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to bind (default: ${DEFAULT-VALUE}; 0.0.0.0 in a cluster).")
    String host;

    @Option(names = "--port", defaultValue = "8443", description = "HTTPS port (default: ${DEFAULT-VALUE}; 0 picks a free one).")
    int port;

    @Option(names = "--tokens", paramLabel = "FILE",
            description = "API tokens (JSON: SHA-256 hashes with scopes per team; default: DIR/tokens.json, created with an admin token on the first start).")
    Path tokens;

    @Option(names = "--policies", paramLabel = "DIR",
            description = "Gatekeeper ConstraintTemplates and constraints (YAML/JSON), reloaded on change (default: DIR/constraints, created empty).")
    Path policies;

    @Option(names = "--gate-policies", paramLabel = "DIR|BUNDLE.tar.gz|URL",
            description = "The gate's policy repository, reloaded when it changes (a URL is polled with ETag); "
                    + "default: the built-in library.")
    String gatePolicies;

    @Option(names = "--policy-poll", paramLabel = "SECONDS", defaultValue = "30",
            description = "How often --gate-policies is checked for changes (default: ${DEFAULT-VALUE}).")
    long policyPollSeconds;

    /** The reloading source of --gate-policies; null for the built-in library. */
    private io.changegate.gate.policy.PolicySource policySource;

    @Option(names = "--policy-sets", paramLabel = "FILE", description = "A data.json of environments for the built-in library.")
    Path policySets;

    @Option(names = "--admission-env", paramLabel = "ENV", defaultValue = "prod",
            description = "The environment the gate judges admitted images for (default: ${DEFAULT-VALUE}).")
    String admissionEnvironment;

    @Option(names = "--admission-gate", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Whether the webhook asks the gate about images (default: on; --no-admission-gate serves the constraints alone).")
    boolean admissionGate;

    @Option(names = "--tag-policy", paramLabel = "deny|allow", defaultValue = "deny",
            description = "Images referenced by tag only, without @sha256: deny them, or allow them unchecked (default: ${DEFAULT-VALUE}).")
    String tagPolicy;

    @Option(names = "--exempt-namespace", paramLabel = "NS", split = ",",
            description = "Namespaces neither constraints nor the gate apply to (names or prefix*/ *suffix globs), as Gatekeeper's Config exempts them.")
    List<String> exemptNamespaces = new ArrayList<>();

    @Option(names = "--reload-interval", paramLabel = "MS", defaultValue = "2000",
            description = "How often --policies is checked for changes, in milliseconds (default: ${DEFAULT-VALUE}).")
    long reloadMillis;

    @Option(names = "--tls-cert", paramLabel = "PEM", description = "Certificate chain (PEM).")
    Path tlsCert;

    @Option(names = "--tls-key", paramLabel = "PEM", description = "Private key (PEM, PKCS#8 or PKCS#1/SEC1, unencrypted).")
    Path tlsKey;

    @Option(names = "--tls-dir", paramLabel = "DIR",
            description = "Where the self-signed pair is kept and reused (default: DIR/tls).")
    Path tlsDir;

    @Option(names = "--tls-san", paramLabel = "NAME", split = ",",
            description = "Names and IPs in a generated certificate (default: localhost, 127.0.0.1, changegate.changegate.svc); giving them generates a new pair.")
    List<String> tlsNames = new ArrayList<>();

    @Override
    protected int execute() throws Exception {
        if ((tlsCert == null) != (tlsKey == null)) {
            throw usage("give both --tls-cert and --tls-key, or neither for a self-signed pair");
        }
        ExemptNamespaces exempt;
        ImageGate.TagPolicy tags;
        try {
            exempt = ExemptNamespaces.of(exemptNamespaces, "--exempt-namespace");
            tags = ImageGate.TagPolicy.parse(tagPolicy, "--tag-policy");
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
        Path tokenFile = tokens != null ? tokens : state.resolve("tokens.json");
        ApiTokens apiTokens = null;
        if (Files.exists(tokenFile)) {
            try {
                apiTokens = ApiTokens.load(tokenFile);
            } catch (IllegalArgumentException e) {
                throw usage(e.getMessage());
            }
        } else if (tokens != null) {
            throw usage("--tokens " + tokens + ": no such file (leave --tokens out to have an admin token created in "
                    + state.resolve("tokens.json") + ")");
        }
        TlsMaterial tls = tls();
        Path constraints = policies != null ? policies : state.resolve("constraints");
        if (policies == null) {
            Files.createDirectories(constraints);
        } else if (!Files.isDirectory(policies)) {
            throw usage("--policies " + policies + " is not a directory");
        }
        LibraryLogging.quiet();

        LocalGate gate;
        try {
            if (gatePolicies == null) {
                gate = LocalGate.open(state, null, policySets, System.getenv());
            } else {
                // A policy that fails to load or compile later keeps the previous one serving; say why.
                policySource = io.changegate.gate.policy.PolicySource.open(gatePolicies, null,
                                java.time.Clock.systemUTC(), message -> System.err.println("changegate: policies: " + message))
                        .start(java.time.Duration.ofSeconds(Math.max(1, policyPollSeconds)));
                gate = LocalGate.open(state, policySource, System.getenv());
            }
        } catch (StoreException e) {
            String message = String.valueOf(e.getMessage());
            throw new CliException("changegate serve: cannot open the evidence store in " + state.resolve("store") + ": "
                    + (message.contains("90020") || message.contains("already in use")
                    ? "another process is using it (a running changegate serve?); stop it or give another --evidence DIR"
                    : message), 2);
        } catch (RegoException e) {
            throw new CliException("changegate serve: the gate's policies do not compile: " + e.getMessage(), 2);
        } catch (IllegalArgumentException | java.io.UncheckedIOException e) {
            throw new CliException("changegate serve: " + e.getMessage(), 2);
        } catch (IOException e) {
            throw new CliException("changegate serve: --gate-policies " + e.getMessage(), 2);
        }
        AdminToken created = null;
        PolicyDirectoryWatcher watcher = null;
        ChangegateServer server;
        try {
            CompiledPolicies compiled = gate.service().policies();
            try {
                compiled.environment(admissionEnvironment);
            } catch (IllegalArgumentException e) {
                throw usage("--admission-env: " + e.getMessage().replaceFirst("^environment: ", ""));
            }
            if (apiTokens == null) {
                created = AdminToken.generate();
                apiTokens = created.tokens();
            }
            PolicyStore policyStore = new PolicyStore();
            PolicyStore.LoadReport loaded = policyStore.loadDirectory(constraints);
            loaded.errors().forEach(e -> err().println("changegate: rejected: " + e));
            watcher = PolicyDirectoryWatcher.start(constraints, policyStore, reloadMillis, r -> {
                r.errors().forEach(e -> err().println("changegate: rejected: " + e));
                out().println("changegate: reloaded " + constraints + ": " + r.templates() + " templates, "
                        + r.constraints() + " constraints");
                out().flush();
                err().flush();
            });
            ChangegateServer.Builder builder = ChangegateServer.builder().host(host).port(port).store(gate.store())
                    .tokens(apiTokens).tls(tls.sslContext());
            AdmissionWebhook.install(builder, policyStore, exempt, admissionGate
                    ? new ImageGate(gate.service(), admissionEnvironment, tags) : AdmissionCheck.NONE);
            DecisionRoutes.install(builder, gate.service());
            try {
                server = builder.build().start();
            } catch (ConstraintException | IllegalStateException | java.io.UncheckedIOException e) {
                throw new CliException("changegate serve: cannot listen on " + host + ":" + port + ": " + e.getMessage(), 1);
            }
            if (created != null) {
                try {
                    created.save(tokenFile);
                } catch (IOException e) {
                    server.stop();
                    throw new CliException("changegate serve: cannot write the token file " + tokenFile + ": "
                            + describe(e), 2);
                }
            }
            banner(server.port(), constraints, loaded, compiled, tags, tokenFile, created);
        } catch (CliException | IOException | RuntimeException e) {
            if (watcher != null) {
                watcher.close();
            }
            gate.close();
            throw e;
        }
        waitUntilStopped(server, watcher, gate);
        return 0;
    }

    private void banner(int boundPort, Path constraints, PolicyStore.LoadReport loaded, CompiledPolicies compiled,
                        ImageGate.TagPolicy tags, Path tokenFile, AdminToken created) {
        String url = "https://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + boundPort;
        Path cert = tlsCert != null ? tlsCert : tlsDirectory().resolve("tls.crt");
        var out = out();
        out.println("changegate: serving " + url);
        out.println("  POST /v1/admit        admission webhook: " + loaded.templates() + " templates, " + loaded.constraints()
                + " constraints from " + constraints + " (watched); " + (admissionGate ? "images judged by the gate for "
                + admissionEnvironment + " (tag-only images: " + tags.name().toLowerCase(java.util.Locale.ROOT) + ")"
                : "images not judged by the gate (--no-admission-gate)"));
        out.println("  POST /v1/decisions    the deployment gate: policy " + compiled.bundle().revision() + ", environments "
                + String.join(", ", new java.util.TreeSet<>(compiled.environmentNames())));
        out.println("  /v1/evidence, /v1/log evidence API, tamper-evident log and its proofs");
        out.println("  /v1/policies          admission templates and constraints (REST)");
        out.println("  data: " + state + "/ (evidence store in store/, decision key "
                + state.resolve("gate").resolve(DecisionSigner.PUBLIC_FILE) + ", tokens " + tokenFile + ", certificate " + cert + ")");
        if (created != null) {
            out.println();
            out.println("Created an admin token with every scope. It is shown only this once; only its SHA-256 is kept (in "
                    + tokenFile + "):");
            out.println();
            out.println("    export CHANGEGATE_TOKEN=" + created.token());
            out.println();
            out.println("Send it as a bearer token, e.g.");
            out.println("    curl --cacert " + cert + " -H \"Authorization: Bearer $CHANGEGATE_TOKEN\" " + url + "/v1/log/checkpoint");
            out.println("    ./changegate gate --server " + url + " --cacert " + cert + " --env prod --artifact sha256:…");
            out.println("Other teams get their own tokens in " + tokenFile + ": under \"teams\", {\"sha256\": \"<hex SHA-256 of the token>\","
                    + " \"scopes\": […]}, scopes among " + String.join(", ", new java.util.TreeSet<>(ApiTokens.ALL_SCOPES)) + ".");
        }
        out.println();
        if (tlsCert == null) {
            out.println("To register the webhook with a cluster (the certificate names " + String.join(", ", sans()) + "):");
            out.println("    sed \"s|CA_BUNDLE|$(base64 -w0 " + cert + ")|\" deploy/validating-webhook.yaml | kubectl apply -f -");
        } else {
            out.println("To register the webhook with a cluster: put the base64 PEM of your CA into caBundle of");
            out.println("deploy/validating-webhook.yaml, then: kubectl apply -f deploy/validating-webhook.yaml");
        }
        out.println("(deploy/README.md explains the failurePolicy choice.) Stop with Ctrl-C.");
        out.flush();
    }

    /**
     * Serves until SIGINT/SIGTERM (the shutdown hook) or until this thread is interrupted, then
     * stops accepting, finishes in-flight requests and closes the store.
     */
    private void waitUntilStopped(ChangegateServer server, PolicyDirectoryWatcher watcher, LocalGate gate) {
        CountDownLatch stopped = new CountDownLatch(1);
        Runnable stop = new Runnable() {
            private boolean done;

            @Override
            public synchronized void run() {
                if (done) {
                    return;
                }
                done = true;
                watcher.close();
                if (policySource != null) {
                    policySource.close();
                }
                server.stop();
                gate.close();
                stopped.countDown();
            }
        };
        Thread hook = new Thread(stop, "changegate-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            stopped.await();
        } catch (InterruptedException e) {
            stop.run();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // The JVM is already stopping; the hook has run or will find the work done.
            }
            Thread.currentThread().interrupt();
        }
        out().println("changegate: stopped");
        out().flush();
    }

    /** The configured pair, the pair kept from an earlier start, or a new self-signed pair. */
    private TlsMaterial tls() throws CliException, IOException {
        if (tlsCert != null) {
            try {
                return TlsMaterial.fromPem(tlsCert, tlsKey);
            } catch (IllegalArgumentException e) {
                throw usage(e.getMessage());
            }
        }
        Path dir = tlsDirectory();
        if (tlsNames.isEmpty() && Files.exists(dir.resolve("tls.crt")) && Files.exists(dir.resolve("tls.key"))) {
            try {
                TlsMaterial kept = TlsMaterial.fromPem(dir.resolve("tls.crt"), dir.resolve("tls.key"));
                kept.chain().get(0).checkValidity();
                return kept;
            } catch (IllegalArgumentException | CertificateExpiredException | CertificateNotYetValidException e) {
                err().println("changegate: replacing the self-signed pair in " + dir + ": " + e.getMessage());
            }
        }
        TlsMaterial generated = TlsMaterial.selfSigned(sans());
        generated.write(dir);
        out().println("changegate: generated a self-signed certificate for " + String.join(", ", sans()) + " in " + dir
                + " (tls.crt, tls.key) — for local use only.");
        return generated;
    }

    private List<String> sans() {
        return tlsNames.isEmpty() ? List.of("localhost", "127.0.0.1", "changegate.changegate.svc") : tlsNames;
    }

    private Path tlsDirectory() {
        return tlsDir != null ? tlsDir : state.resolve("tls");
    }

    private static CliException usage(String message) {
        return new CliException("changegate serve: " + message, 2);
    }
}
