package io.changegate.server.admission;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * Open-loop HTTPS load on {@code POST /v1/admit} (not a test: run by hand against a local
 * {@code changegate serve}): sends at a fixed rate for a fixed time, whatever the answers' pace,
 * and reports latency percentiles and errors. Loopback only; it stops by itself.
 *
 * <pre>java -cp ... io.changegate.server.admission.WebhookLoad https://127.0.0.1:8443/v1/admit REVIEW.json RATE SECONDS</pre>
 */
public final class WebhookLoad {
    public static void main(String[] args) throws Exception {
        URI uri = URI.create(args[0]);
        if (!uri.getHost().equals("127.0.0.1") && !uri.getHost().equals("localhost")) {
            throw new IllegalArgumentException("load is only sent to this machine (127.0.0.1 or localhost)");
        }
        byte[] body = Files.readAllBytes(Path.of(args[1]));
        int rate = Integer.parseInt(args[2]);
        int seconds = Integer.parseInt(args[3]);
        SSLContext trustLocal = SSLContext.getInstance("TLS");
        // The local server's certificate is self-signed and generated at start: nothing to pin.
        trustLocal.init(null, new TrustManager[]{new X509TrustManager() {
            public void checkClientTrusted(X509Certificate[] c, String a) { }
            public void checkServerTrusted(X509Certificate[] c, String a) { }
            public X509Certificate[] getAcceptedIssuers() { return new X509Certificate[0]; }
        }}, null);
        System.setProperty("jdk.internal.httpclient.disableHostnameVerification", "true");
        HttpClient client = HttpClient.newBuilder().sslContext(trustLocal).version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest request = HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        int total = rate * seconds;
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        AtomicInteger errors = new AtomicInteger();
        CompletableFuture<?>[] all = new CompletableFuture<?>[total];
        long start = System.nanoTime();
        for (int i = 0; i < total; i++) {
            long due = start + (long) i * 1_000_000_000L / rate;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
            long sent = System.nanoTime();
            all[i] = client.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray()).handle((r, e) -> {
                if (e != null || r.statusCode() != 200) {
                    errors.incrementAndGet();
                } else {
                    latencies.add(System.nanoTime() - sent);
                }
                return null;
            });
        }
        CompletableFuture.allOf(all).join();
        double elapsed = (System.nanoTime() - start) / 1e9;
        long[] l = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
        System.out.printf("sent=%d in %.1fs (%.0f req/s) ok=%d errors=%d p50=%.2fms p90=%.2fms p99=%.2fms max=%.2fms%n",
                total, elapsed, total / elapsed, l.length, errors.get(),
                pct(l, 0.50), pct(l, 0.90), pct(l, 0.99), l.length == 0 ? 0 : l[l.length - 1] / 1e6);
    }

    private static double pct(long[] sorted, double p) {
        return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) (sorted.length * p))] / 1e6;
    }

}
