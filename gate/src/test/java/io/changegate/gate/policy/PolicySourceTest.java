package io.changegate.gate.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.time.Clock;
import java.time.ZoneOffset;
import io.changegate.policies.PolicyLibrary;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicySourceTest {
    @TempDir
    Path dir;

    Clock clock = Clock.fixed(Instant.parse("2025-03-01T09:00:00Z"), ZoneOffset.UTC);
    List<String> errors = new CopyOnWriteArrayList<>();
    HttpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    static Map<String, byte[]> libraryWithRevision(String revision) {
        Map<String, byte[]> files = new TreeMap<>(PolicyLibrary.files());
        files.put(".manifest", ("{\"revision\":\"" + revision + "\"}").getBytes(StandardCharsets.UTF_8));
        return files;
    }

    void writeDirectory(Map<String, byte[]> files) throws IOException {
        for (var file : files.entrySet()) {
            Path target = dir.resolve(file.getKey());
            Files.createDirectories(target.getParent());
            Files.write(target, file.getValue());
        }
    }

    @Test
    void aDirectoryChangeIsPickedUpAndNamedByRevisionAndHash() throws Exception {
        writeDirectory(libraryWithRevision("r1"));
        try (PolicySource source = PolicySource.directory(dir, clock, errors::add)) {
            String firstHash = source.get().bundle().hash();
            assertThat(source.status().revision()).isEqualTo("r1");
            assertThat(source.refresh()).as("nothing changed").isFalse();

            writeDirectory(libraryWithRevision("r2"));
            assertThat(source.refresh()).isTrue();
            assertThat(source.get().bundle().revision()).isEqualTo("r2");
            assertThat(source.status().hash()).isEqualTo(source.get().bundle().hash()).isNotEqualTo(firstHash);
            assertThat(errors).isEmpty();
        }
    }

    @Test
    void aBrokenPolicyKeepsThePreviousBundleServingAndSaysWhy() throws Exception {
        writeDirectory(libraryWithRevision("r1"));
        try (PolicySource source = PolicySource.directory(dir, clock, errors::add)) {
            CompiledPolicies serving = source.get();
            writeDirectory(Map.of(".manifest", "{\"revision\":\"r2\"}".getBytes(StandardCharsets.UTF_8),
                    "broken.rego", "package changegate.policies.broken\nviolation contains v if {\n".getBytes(StandardCharsets.UTF_8)));

            assertThat(source.refresh()).isFalse();
            assertThat(source.get()).isSameAs(serving);
            assertThat(source.status().revision()).isEqualTo("r1");
            assertThat(source.status().lastError()).contains("keeping revision r1", "revision r2 does not compile", "broken.rego");
            assertThat(source.refresh()).as("the same broken content is reported once").isFalse();
            assertThat(errors).hasSize(1);

            Files.delete(dir.resolve("broken.rego"));
            assertThat(source.refresh()).isTrue();
            assertThat(source.status().revision()).isEqualTo("r2");
            assertThat(source.status().lastError()).isNull();
        }
    }

    @Test
    void aWatchedDirectoryReloadsByItselfOnceTheContentSettles() throws Exception {
        writeDirectory(libraryWithRevision("r1"));
        try (PolicySource source = PolicySource.directory(dir, clock, errors::add).start(Duration.ofMillis(20))) {
            writeDirectory(libraryWithRevision("r2"));
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (!source.status().revision().equals("r2") && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(source.status().revision()).isEqualTo("r2");
        }
    }

    @Test
    void aLocationOpensABundleFileThatIsReReadWhenReplaced() throws Exception {
        Path archive = dir.resolve("bundle.tar.gz");
        Files.write(archive, tarGz(libraryWithRevision("f1")));
        try (PolicySource source = PolicySource.open(archive.toString(), null, clock, errors::add)) {
            assertThat(source.status().revision()).isEqualTo("f1");
            Files.write(archive, "not gzip".getBytes(StandardCharsets.UTF_8));
            assertThat(source.refresh()).isFalse();
            assertThat(source.status().lastError()).startsWith(archive + ": keeping revision f1: ");
            assertThat(source.refresh()).isFalse();
            assertThat(errors).as("the same failure is reported once").hasSize(1);
            Files.write(archive, tarGz(libraryWithRevision("f2")));
            assertThat(source.refresh()).isTrue();
            assertThat(source.status().revision()).isEqualTo("f2");
            assertThat(source.status().lastError()).isNull();
        }
        assertThatThrownBy(() -> PolicySource.open(dir.resolve("missing").toString(), null, clock, errors::add))
                .hasMessageContaining("no such policy directory, bundle file or URL");
    }

    /** A bundle server with ETags that counts the answers it gave. */
    final class BundleServer {
        volatile byte[] body;
        volatile String etag;
        final List<Integer> answers = new CopyOnWriteArrayList<>();
        final List<String> ifNoneMatch = new CopyOnWriteArrayList<>();

        URI start() throws IOException {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/bundles/bundle.tar.gz", exchange -> {
                String sent = exchange.getRequestHeaders().getFirst("If-None-Match");
                ifNoneMatch.add(String.valueOf(sent));
                if (etag.equals(sent)) {
                    answers.add(304);
                    exchange.sendResponseHeaders(304, -1);
                } else {
                    answers.add(200);
                    exchange.getResponseHeaders().add("ETag", etag);
                    exchange.getResponseHeaders().add("Content-Type", "application/gzip");
                    exchange.sendResponseHeaders(200, body.length);
                    exchange.getResponseBody().write(body);
                }
                exchange.close();
            });
            server.start();
            return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/bundles/bundle.tar.gz");
        }

        void serve(byte[] archive, String tag) {
            body = archive;
            etag = tag;
        }
    }

    PolicySource poll(URI url, BundleSignatures signatures) throws Exception {
        return PolicySource.url(url, signatures, HttpClient.newHttpClient(), Duration.ofSeconds(5), clock, errors::add);
    }

    @Test
    void aBundleUrlIsFetchedThenNotModifiedThenReplacedByANewVersion() throws Exception {
        BundleServer bundles = new BundleServer();
        bundles.serve(tarGz(libraryWithRevision("v1")), "\"etag-1\"");
        URI url = bundles.start();
        try (PolicySource source = poll(url, null)) {
            assertThat(source.status().revision()).isEqualTo("v1");
            assertThat(source.refresh()).isFalse();
            bundles.serve(tarGz(libraryWithRevision("v2")), "\"etag-2\"");
            assertThat(source.refresh()).isTrue();

            assertThat(bundles.answers).containsExactly(200, 304, 200);
            assertThat(bundles.ifNoneMatch).containsExactly("null", "\"etag-1\"", "\"etag-1\"");
            assertThat(source.get().bundle().revision()).isEqualTo("v2");
            assertThat(source.status().hash()).isEqualTo(PolicyBundle.of(libraryWithRevision("v2"), null).hash());
        }
    }

    @Test
    void aSignedBundleIsAcceptedAndATamperedOneRejectedWithTheReason() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair key = generator.generateKeyPair();
        BundleSignatures verification = new BundleSignatures(key.getPublic(), null);

        Map<String, byte[]> v1 = libraryWithRevision("v1");
        v1.put(".signatures.json", signatures(v1, key.getPrivate()));
        BundleServer bundles = new BundleServer();
        bundles.serve(tarGz(v1), "\"etag-1\"");
        URI url = bundles.start();
        try (PolicySource source = poll(url, verification)) {
            assertThat(source.status().revision()).isEqualTo("v1");

            Map<String, byte[]> tampered = libraryWithRevision("v2");
            tampered.put(".signatures.json", signatures(tampered, key.getPrivate()));
            tampered.put("dast.rego", "package changegate.policies.dast\n".getBytes(StandardCharsets.UTF_8));
            bundles.serve(tarGz(tampered), "\"etag-2\"");

            assertThat(source.refresh()).isFalse();
            assertThat(source.status().revision()).isEqualTo("v1");
            assertThat(source.status().lastError()).contains("keeping revision v1", "file dast.rego does not match its signed hash");
            assertThat(errors).hasSize(1);
        }
    }

    @Test
    void anUnsignedBundleIsRefusedWhenAKeyIsConfigured() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        BundleSignatures verification = new BundleSignatures(generator.generateKeyPair().getPublic(), null);
        BundleServer bundles = new BundleServer();
        bundles.serve(tarGz(libraryWithRevision("v1")), "\"etag-1\"");
        URI url = bundles.start();
        assertThatThrownBy(() -> poll(url, verification))
                .hasMessageContaining("the bundle is not signed (no .signatures.json) but a verification key is configured");
    }

    /** An OPA {@code .signatures.json}: one RS256 JWT whose files claim lists every file's SHA-256. */
    static byte[] signatures(Map<String, byte[]> files, PrivateKey key) throws Exception {
        StringBuilder claimed = new StringBuilder();
        for (var file : files.entrySet()) {
            claimed.append(claimed.isEmpty() ? "" : ",").append("{\"name\":\"").append(file.getKey())
                    .append("\",\"hash\":\"").append(BundleSignatures.hash(file.getKey(), file.getValue()))
                    .append("\",\"algorithm\":\"SHA-256\"}");
        }
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String header = b64.encodeToString("{\"alg\":\"RS256\"}".getBytes(StandardCharsets.UTF_8));
        String claims = b64.encodeToString(("{\"files\":[" + claimed + "]}").getBytes(StandardCharsets.UTF_8));
        Signature signer = Signature.getInstance("SHA256withRSA");
        signer.initSign(key);
        signer.update((header + "." + claims).getBytes(StandardCharsets.US_ASCII));
        String jwt = header + "." + claims + "." + b64.encodeToString(signer.sign());
        return ("{\"signatures\":[\"" + jwt + "\"]}").getBytes(StandardCharsets.UTF_8);
    }

    /** A ustar archive, gzipped, as {@code opa build} writes one. */
    static byte[] tarGz(Map<String, byte[]> files) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
            for (var file : files.entrySet()) {
                byte[] header = new byte[512];
                put(header, 0, "/" + file.getKey());
                put(header, 100, "0000644");
                put(header, 108, "0000000");
                put(header, 116, "0000000");
                put(header, 124, String.format("%011o", file.getValue().length));
                put(header, 136, String.format("%011o", 0));
                header[156] = '0';
                put(header, 257, "ustar");
                put(header, 263, "00");
                for (int i = 148; i < 156; i++) {
                    header[i] = ' ';
                }
                int sum = 0;
                for (byte b : header) {
                    sum += b & 0xff;
                }
                put(header, 148, String.format("%06o", sum));
                header[155] = ' ';
                gzip.write(header);
                gzip.write(file.getValue());
                gzip.write(new byte[(512 - file.getValue().length % 512) % 512]);
            }
            gzip.write(new byte[1024]);
        }
        return bytes.toByteArray();
    }

    private static void put(byte[] header, int offset, String text) {
        byte[] ascii = text.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(ascii, 0, header, offset, ascii.length);
    }

}
