package io.changegate.cli.evidence;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.changegate.cli.CliException;
import io.changegate.evidence.log.ConsistencyProof;
import io.changegate.evidence.log.InclusionProof;
import io.changegate.evidence.store.Submission;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/** A Changegate server's REST API as a backend. */
final class RemoteEvidence implements EvidenceBackend {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI server;
    private final String token;
    private final HttpClient client;

    /** @param trust the TLS context trusting the server's certificate, or null for the system's trust store */
    RemoteEvidence(URI server, String token, javax.net.ssl.SSLContext trust) {
        String base = server.toString();
        this.server = URI.create(base.endsWith("/") ? base.substring(0, base.length() - 1) : base);
        this.token = token;
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10));
        if (trust != null) {
            builder.sslContext(trust);
        }
        this.client = builder.build();
    }

    @Override
    public Added add(Submission submission) throws CliException {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("subject", submission.subject());
        query.put("name", submission.name());
        query.put("type", submission.type());
        query.put("filename", submission.sourceName());
        HttpResponse<byte[]> response = send(HttpRequest.newBuilder(uri("/v1/evidence", query))
                .header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(submission.document())));
        return new Added(json(response), response.statusCode() == 201);
    }

    @Override
    public List<JsonNode> list(String subject, long afterLeaf, int limit) throws CliException {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("subject", subject);
        query.put("after", Long.toString(afterLeaf));
        query.put("limit", Integer.toString(limit));
        JsonNode page = json(send(HttpRequest.newBuilder(uri("/v1/evidence", query)).GET()));
        List<JsonNode> items = new ArrayList<>();
        page.path("items").forEach(items::add);
        return items;
    }

    @Override
    public JsonNode show(String id) throws CliException {
        return json(send(HttpRequest.newBuilder(uri("/v1/evidence/" + URLEncoder.encode(id, StandardCharsets.UTF_8),
                Map.of())).GET()));
    }

    @Override
    public String checkpointNote() throws CliException {
        return new String(send(HttpRequest.newBuilder(uri("/v1/log/checkpoint", Map.of())).GET()).body(),
                StandardCharsets.UTF_8);
    }

    @Override
    public InclusionProof inclusionProof(long leaf, long size) throws CliException {
        JsonNode proof = json(send(HttpRequest.newBuilder(uri("/v1/log/proof/inclusion",
                Map.of("leaf", Long.toString(leaf), "size", Long.toString(size)))).GET()));
        return new InclusionProof(leaf, size, hashes(proof));
    }

    @Override
    public ConsistencyProof consistencyProof(long from, long to) throws CliException {
        JsonNode proof = json(send(HttpRequest.newBuilder(uri("/v1/log/proof/consistency",
                Map.of("from", Long.toString(from), "to", Long.toString(to)))).GET()));
        return new ConsistencyProof(from, to, hashes(proof));
    }

    @Override
    public void close() {
        client.close();
    }

    private URI uri(String path, Map<String, String> query) {
        StringJoiner parameters = new StringJoiner("&", "?", "").setEmptyValue("");
        query.forEach((key, value) -> {
            if (value != null) {
                parameters.add(key + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8));
            }
        });
        return URI.create(server + path + parameters);
    }

    private HttpResponse<byte[]> send(HttpRequest.Builder request) throws CliException {
        if (token != null && !token.isBlank()) {
            request.header("Authorization", "Bearer " + token.trim());
        }
        HttpResponse<byte[]> response;
        try {
            response = client.send(request.timeout(Duration.ofMinutes(5)).build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new CliException("error: cannot reach " + server + ": "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), 2);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("error: interrupted while waiting for " + server, 2);
        }
        if (response.statusCode() >= 400) {
            throw new CliException("error: " + server + " answered " + response.statusCode() + ": "
                    + errorMessage(response), 2);
        }
        return response;
    }

    private static String errorMessage(HttpResponse<byte[]> response) {
        try {
            JsonNode body = JSON.readTree(response.body());
            if (body != null && body.hasNonNull("error")) {
                String field = body.path("field").isTextual() ? " (field " + body.get("field").asText() + ")" : "";
                return body.get("error").asText() + field;
            }
        } catch (IOException notJson) {
            // fall through to the raw text
        }
        String text = new String(response.body(), StandardCharsets.UTF_8).strip();
        return text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }

    private JsonNode json(HttpResponse<byte[]> response) throws CliException {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new CliException("error: " + server + " answered with something that is not JSON", 2);
        }
    }

    private static List<byte[]> hashes(JsonNode proof) throws CliException {
        List<byte[]> hashes = new ArrayList<>();
        for (JsonNode hash : proof.path("hashes")) {
            try {
                hashes.add(Base64.getDecoder().decode(hash.asText()));
            } catch (IllegalArgumentException e) {
                throw new CliException("error: the server sent a proof hash that is not base64", 2);
            }
        }
        return hashes;
    }
}
