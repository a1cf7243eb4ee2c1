package io.changegate.cli.cluster;

import io.changegate.constraints.Fields;
import io.changegate.rego.value.Json;
import io.changegate.rego.value.JsonException;
import io.changegate.rego.value.ObjectValue;
import io.changegate.rego.value.StringValue;
import io.changegate.rego.value.Value;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Lists objects from a Kubernetes API server: discovers the listable resources of every group's
 * preferred version, then lists each in pages ({@code limit} and {@code continue}), filling in the
 * {@code apiVersion} and {@code kind} that list items leave out.
 */
public final class ClusterLister {
    /** A listable resource: {@code pods} of {@code v1}, {@code deployments} of {@code apps/v1}. */
    public record Resource(String groupVersion, String name, String kind, boolean namespaced) {
    }

    private final KubeConfig config;
    private final HttpClient client;
    private final int pageSize;

    public ClusterLister(KubeConfig config, int pageSize) {
        this.config = config;
        this.pageSize = pageSize;
        HttpClient.Builder b = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10));
        if (config.tls() != null) {
            b.sslContext(config.tls());
        }
        this.client = b.build();
    }

    /** Every resource of the preferred versions that supports {@code list}, subresources excluded. */
    public List<Resource> discover() throws IOException {
        List<Resource> out = new ArrayList<>();
        List<String> groupVersions = new ArrayList<>();
        for (Value v : Fields.list(get("/api"), "versions")) {
            if (v instanceof StringValue s && s.value().equals("v1")) {
                groupVersions.add("v1");
            }
        }
        for (Value g : Fields.list(get("/apis"), "groups")) {
            String preferred = Fields.string(g, "preferredVersion", "groupVersion");
            if (!preferred.isEmpty()) {
                groupVersions.add(preferred);
            }
        }
        for (String gv : groupVersions) {
            Value list = get(gv.equals("v1") ? "/api/v1" : "/apis/" + gv);
            for (Value r : Fields.list(list, "resources")) {
                String name = Fields.string(r, "name");
                boolean listable = Fields.list(r, "verbs").contains(StringValue.of("list"));
                if (!name.contains("/") && listable) {
                    out.add(new Resource(gv, name, Fields.string(r, "kind"),
                            Fields.at(r, "namespaced") == io.changegate.rego.value.BooleanValue.TRUE));
                }
            }
        }
        return out;
    }

    /** Lists every object of the resources that {@code wanted} keeps, page by page. */
    public List<ObjectValue> list(List<Resource> resources, Predicate<Resource> wanted) throws IOException {
        List<ObjectValue> out = new ArrayList<>();
        for (Resource r : resources) {
            if (!wanted.test(r)) {
                continue;
            }
            String base = (r.groupVersion().equals("v1") ? "/api/v1/" : "/apis/" + r.groupVersion() + "/") + r.name();
            String token = "";
            do {
                String path = base + "?limit=" + pageSize
                        + (token.isEmpty() ? "" : "&continue=" + URLEncoder.encode(token, StandardCharsets.UTF_8));
                Value page = get(path);
                for (Value item : Fields.list(page, "items")) {
                    if (item instanceof ObjectValue o) {
                        out.add(o.with(StringValue.of("apiVersion"), StringValue.of(r.groupVersion()))
                                .with(StringValue.of("kind"), StringValue.of(r.kind())));
                    }
                }
                token = Fields.string(page, "metadata", "continue");
            } while (!token.isEmpty());
        }
        return out;
    }

    private Value get(String path) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(config.server() + path))
                .timeout(Duration.ofSeconds(60)).header("Accept", "application/json").GET();
        if (config.token() != null) {
            request.header("Authorization", "Bearer " + config.token());
        }
        HttpResponse<byte[]> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while listing " + path);
        }
        if (response.statusCode() != 200) {
            String message = "";
            try {
                message = Fields.string(Json.parse(response.body()), "message");
            } catch (JsonException ignored) {
                // Not a Kubernetes Status: the status code alone says what happened.
            }
            throw new IOException("GET " + config.server() + path + ": HTTP " + response.statusCode()
                    + (message.isEmpty() ? "" : ": " + message));
        }
        try {
            return Json.parse(response.body());
        } catch (JsonException e) {
            throw new IOException("GET " + config.server() + path + ": the answer is not JSON: " + e.getMessage());
        }
    }
}
