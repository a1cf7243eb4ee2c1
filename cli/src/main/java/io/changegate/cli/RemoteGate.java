package io.changegate.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import javax.net.ssl.SSLHandshakeException;

/**
 * {@code POST /v1/decisions} of a Changegate server, for {@code changegate gate --server}: the
 * request as JSON in, the decision's JSON out, every failure a {@link CliException} with exit code 2.
 */
final class RemoteGate {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI server;
    private final String token;
    private final Path caCert;

    /**
     * @param server the server's base URL (http or https)
     * @param token  the bearer token, or null
     * @param caCert PEM certificates to trust instead of the system's, or null
     */
    RemoteGate(URI server, String token, Path caCert) throws CliException {
        String scheme = server.getScheme();
        if (scheme == null || !(scheme.equals("http") || scheme.equals("https")) || server.getHost() == null) {
            throw new CliException("error: --server must be an http:// or https:// URL, got '" + server + "'", 2);
        }
        String base = server.toString();
        this.server = URI.create(base.endsWith("/") ? base.substring(0, base.length() - 1) : base);
        this.token = token == null || token.isBlank() ? null : token.strip();
        this.caCert = caCert;
    }

    /** Asks for a decision; returns the server's JSON answer. */
    JsonNode decide(ObjectNode request) throws CliException {
        HttpClient.Builder clientBuilder = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10));
        if (caCert != null) {
            clientBuilder.sslContext(CaCertificates.trusting(caCert));
        }
        HttpRequest.Builder post = HttpRequest.newBuilder(URI.create(server + "/v1/decisions"))
                .timeout(Duration.ofMinutes(2))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(request.toString()));
        if (token != null) {
            post.header("Authorization", "Bearer " + token);
        }
        HttpResponse<byte[]> response;
        try (HttpClient client = clientBuilder.build()) {
            response = client.send(post.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (SSLHandshakeException e) {
            throw new CliException("error: cannot reach " + server + ": its TLS certificate is not trusted"
                    + (caCert == null ? " (give the certificate to trust with --cacert PEM, e.g. .changegate/tls/tls.crt)"
                    : " by " + caCert + " (" + e.getMessage() + ")"), 2);
        } catch (IOException e) {
            throw new CliException("error: cannot reach " + server + ": "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), 2);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("error: interrupted while waiting for " + server, 2);
        }
        JsonNode body;
        try {
            body = JSON.readTree(response.body());
        } catch (IOException e) {
            body = null;
        }
        if (response.statusCode() != 200) {
            String message = body != null && body.hasNonNull("error") ? body.get("error").asText()
                    + (body.path("field").isTextual() ? " (field " + body.get("field").asText() + ")" : "")
                    : "HTTP " + response.statusCode();
            throw new CliException("error: " + server + " answered " + response.statusCode() + ": " + message, 2);
        }
        if (body == null || !body.isObject()) {
            throw new CliException("error: " + server + " answered with something that is not a decision", 2);
        }
        return body;
    }
}
