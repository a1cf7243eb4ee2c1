package io.changegate.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.changegate.server.ApiTokens;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** changegate serve with no configuration, started in-process, asked by changegate gate --server. */
class ServeCommandTest {
    static final String IMAGE = "sha256:4edbd2beb5f78b1014028f4fbb99f3237d9561100b6881aabbf5acce2c4f9454";
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    /** A server running on its own thread, and what it printed so far. */
    record Serving(Thread thread, StringWriter out, StringWriter err, AtomicInteger exitCode) {
        String url() {
            return find("changegate: serving (https://\\S+)");
        }

        String find(String regex) {
            Matcher m = Pattern.compile(regex).matcher(out.toString());
            return m.find() ? m.group(1) : null;
        }

        void stop() throws InterruptedException {
            thread.interrupt();
            thread.join(30_000);
            assertThat(thread.isAlive()).as("serve stops when interrupted").isFalse();
            assertThat(exitCode.get()).as(err.toString()).isZero();
            assertThat(out.toString()).endsWith("changegate: stopped" + System.lineSeparator());
        }
    }

    Serving serve(String... options) throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        AtomicInteger exitCode = new AtomicInteger(-1);
        String[] args = new String[options.length + 5];
        System.arraycopy(new String[] {"serve", "--evidence", dir.resolve("state").toString(), "--port", "0"}, 0, args, 0, 5);
        System.arraycopy(options, 0, args, 5, options.length);
        Thread thread = new Thread(() -> {
            CommandLine cl = new CommandLine(new Main());
            cl.setOut(new PrintWriter(out, true));
            cl.setErr(new PrintWriter(err, true));
            exitCode.set(cl.execute(args));
        }, "serve-under-test");
        thread.start();
        long deadline = System.nanoTime() + 90_000_000_000L;
        while (!out.toString().contains("Stop with Ctrl-C")) {
            assertThat(thread.isAlive()).as("serve ended early: " + out + err).isTrue();
            assertThat(System.nanoTime()).as("serve did not start in time: " + out + err).isLessThan(deadline);
            Thread.sleep(50);
        }
        return new Serving(thread, out, err, exitCode);
    }

    Path certificate() {
        return dir.resolve("state/tls/tls.crt");
    }

    static Path fixtures() {
        Path root = Path.of("").toAbsolutePath();
        while (root != null && !Files.exists(root.resolve("mvnw"))) {
            root = root.getParent();
        }
        Path fixtures = root == null ? null : root.resolve("../shared/fixtures").normalize();
        assumeTrue(fixtures != null && Files.isDirectory(fixtures), "../shared/fixtures is absent: serve's end-to-end test skipped");
        return fixtures;
    }

    HttpClient trustingTheServer() throws Exception {
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        try (InputStream in = Files.newInputStream(certificate())) {
            trusted.setCertificateEntry("serve", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return HttpClient.newBuilder().sslContext(context).build();
    }

    Cli gate(String url, String token, String... rest) {
        String[] args = new String[rest.length + 7];
        System.arraycopy(new String[] {"gate", "--server", url, "--cacert", certificate().toString(), "--token", token}, 0, args, 0, 7);
        System.arraycopy(rest, 0, args, 7, rest.length);
        return Cli.run(args);
    }

    @Test
    void serveWithNoConfigurationAnswersTheGateOverHttpsAndPrintsTheAdminTokenOnlyOnce() throws Exception {
        Path trivy = fixtures().resolve("trivy/trivy-image-alpine39-vulns.json");
        Serving first = serve();
        String url = first.url();
        String token = first.find("export CHANGEGATE_TOKEN=(\\S+)");
        try {
            assertThat(url).startsWith("https://127.0.0.1:");
            assertThat(token).startsWith("cg_");
            assertThat(first.out().toString()).contains("POST /v1/admit", "POST /v1/decisions", "/v1/evidence, /v1/log",
                    "kubectl apply -f -");
            String tokenFile = Files.readString(dir.resolve("state/tokens.json"));
            assertThat(tokenFile).contains(ApiTokens.hash(token)).doesNotContain(token);
            assertThat(JSON.readTree(tokenFile).path("teams").path("admin").get(0).path("scopes")).hasSize(ApiTokens.ALL_SCOPES.size());
            assertThat(Files.exists(dir.resolve("state/gate/decision-signer.pem"))).isTrue();

            HttpResponse<String> ingested = trustingTheServer().send(HttpRequest.newBuilder(URI.create(url + "/v1/evidence?subject=" + IMAGE))
                    .header("Authorization", "Bearer " + token)
                    .POST(HttpRequest.BodyPublishers.ofFile(trivy)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(ingested.statusCode()).as(ingested.body()).isEqualTo(201);

            Cli denied = gate(url, token, "--env", "prod", "--artifact", "registry.acme.example/alpine@" + IMAGE, "--format", "json");
            assertThat(denied.exitCode()).as(denied.err()).isEqualTo(1);
            JsonNode decision = JSON.readTree(denied.out());
            assertThat(decision.path("result").asText()).isEqualTo("deny");
            assertThat(decision.path("violations").findValuesAsText("msg")).contains(
                    "container registry.acme.example/alpine@" + IMAGE
                            + " contains unaccepted CVE CVE-2019-14697 (musl 1.1.20-r4, CRITICAL, fixed in 1.1.20-r5)");

            Cli text = gate(url, token, "--env", "prod", "--artifact", "registry.acme.example/alpine@" + IMAGE,
                    "--record", dir.resolve("record.json").toString());
            assertThat(text.exitCode()).isEqualTo(1);
            assertThat(text.out()).startsWith("prod: DENIED (decision ")
                    .contains("[enforce] vulnerabilities (owner security): container registry.acme.example/alpine@" + IMAGE
                            + " contains unaccepted CVE CVE-2019-14697");
            assertThat(JSON.readTree(dir.resolve("record.json").toFile()).path("envelope").path("signatures")).hasSize(1);

            Cli added = Cli.run("evidence", "add", "--server", url, "--cacert", certificate().toString(), "--token", token,
                    "--subject", IMAGE, fixtures().resolve("grype/grype-0.7.0-image-no-matches-EDGE.json").toString());
            assertThat(added.exitCode()).as(added.err()).isZero();
            assertThat(added.out()).startsWith("stored ");
            Cli rescanned = gate(url, token, "--env", "prod", "--artifact", "registry.acme.example/alpine@" + IMAGE);
            assertThat(rescanned.exitCode()).isEqualTo(1);
            assertThat(rescanned.out()).as("the clean rescan is the newest scan").doesNotContain("CVE-2019-14697");

            Cli dev = gate(url, token, "--env", "dev", "--artifact", IMAGE);
            assertThat(dev.exitCode()).as("dev only warns: " + dev.out()).isZero();
            assertThat(dev.out()).startsWith("dev: ALLOWED WITH WARNINGS");

            Cli wrongToken = gate(url, "not-the-token", "--env", "prod", "--artifact", IMAGE);
            assertThat(wrongToken.exitCode()).isEqualTo(2);
            assertThat(wrongToken.err()).isEqualTo("error: " + url + " answered 401: the bearer token is not valid\n");

            Cli untrusted = Cli.run("gate", "--server", url, "--token", token, "--env", "prod", "--artifact", IMAGE);
            assertThat(untrusted.exitCode()).isEqualTo(2);
            assertThat(untrusted.err()).contains("its TLS certificate is not trusted").contains("--cacert");
            assertThat(untrusted.hasNoStackTrace()).isTrue();
        } finally {
            first.stop();
        }
        assertThat(first.out().toString().split(Pattern.quote(token), -1)).as("the token is printed once").hasSize(2);
        assertThat(first.err().toString()).doesNotContain(token);

        byte[] certificate = Files.readAllBytes(certificate());
        Serving second = serve();
        try {
            assertThat(second.out().toString()).doesNotContain("CHANGEGATE_TOKEN=").doesNotContain("generated a self-signed");
            assertThat(Files.readAllBytes(certificate())).as("the certificate is kept across starts").isEqualTo(certificate);
            Cli again = gate(second.url(), token, "--env", "prod", "--artifact", IMAGE);
            assertThat(again.exitCode()).as("the first start's token still works: " + again.err()).isEqualTo(1);
        } finally {
            second.stop();
        }
    }

    @Test
    void aMissingTokensFileIsAnErrorNotANewToken() {
        Cli r = Cli.run("serve", "--evidence", dir.resolve("state").toString(), "--tokens", dir.resolve("nope.json").toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).startsWith("changegate serve: --tokens " + dir.resolve("nope.json") + ": no such file");
        assertThat(r.out()).doesNotContain("CHANGEGATE_TOKEN");
    }

    @Test
    void badOptionsAreRefusedBeforeAnythingStarts() {
        Cli tags = Cli.run("serve", "--evidence", dir.resolve("state").toString(), "--tag-policy", "maybe");
        assertThat(tags.exitCode()).isEqualTo(2);
        assertThat(tags.err()).isEqualTo("changegate serve: --tag-policy: expected deny or allow, not 'maybe'\n");
        Cli tls = Cli.run("serve", "--evidence", dir.resolve("state").toString(), "--tls-cert", "x.pem");
        assertThat(tls.exitCode()).isEqualTo(2);
        assertThat(tls.err()).contains("give both --tls-cert and --tls-key");
        assertThat(Files.exists(dir.resolve("state"))).isFalse();
    }

    @Test
    void aPortInUseIsOneClearErrorAndCreatesNoToken() throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            Cli r = Cli.run("serve", "--evidence", dir.resolve("state").toString(), "--port", Integer.toString(taken.getLocalPort()));
            assertThat(r.exitCode()).isEqualTo(1);
            assertThat(r.err()).isEqualTo("changegate serve: cannot listen on 127.0.0.1:" + taken.getLocalPort()
                    + ": the server did not start: the address is in use or cannot be bound\n");
            assertThat(Files.exists(dir.resolve("state/tokens.json"))).isFalse();
        }
    }

    @Test
    void anAdmissionEnvironmentThePoliciesDoNotDefineIsRefused() {
        Cli r = Cli.run("serve", "--evidence", dir.resolve("state").toString(), "--port", "0", "--admission-env", "moon");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).startsWith("changegate serve: --admission-env: unknown environment 'moon'; policy bundle");
        assertThat(r.hasNoStackTrace()).isTrue();
        assertThat(Files.exists(dir.resolve("state/tokens.json"))).as("no token is created for a server that did not start").isFalse();
    }

    @Test
    void aGatePolicyLocationThatDoesNotExistIsOneClearError() {
        Cli r = Cli.run("serve", "--evidence", dir.resolve("state").toString(), "--port", "0",
                "--gate-policies", dir.resolve("no-policies").toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("changegate serve: --gate-policies " + dir.resolve("no-policies")
                + ": no such policy directory, bundle file or URL\n");
        assertThat(r.hasNoStackTrace()).isTrue();
    }
}
