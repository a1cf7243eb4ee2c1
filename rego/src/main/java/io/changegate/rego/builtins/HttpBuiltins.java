package io.changegate.rego.builtins;

import static io.changegate.rego.builtins.Builtins.nondeterministic;
import static io.changegate.rego.builtins.Type.ANY;
import static io.changegate.rego.builtins.Type.ANY_OBJECT;
import static io.changegate.rego.builtins.Type.STRING;
import static io.changegate.rego.builtins.Type.objectOf;

import io.changegate.rego.value.ArrayValue;
import io.changegate.rego.value.BooleanValue;
import io.changegate.rego.value.Json;
import io.changegate.rego.value.NumberValue;
import io.changegate.rego.value.ObjectValue;
import io.changegate.rego.value.StringValue;
import io.changegate.rego.value.Value;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code http.send}: requests are validated exactly as OPA validates them, then sent only to URLs
 * the embedder allows ({@link BuiltinContext#httpAllowed}); responses are cached per evaluation.
 */
final class HttpBuiltins {
    private HttpBuiltins() {
    }

    private static final Set<String> ALLOWED_KEYS = Set.of("method", "url", "body", "enable_redirect", "force_json_decode",
            "force_yaml_decode", "headers", "raw_body", "tls_use_system_certs", "tls_ca_cert", "tls_ca_cert_file",
            "tls_ca_cert_env_variable", "tls_client_cert", "tls_client_cert_file", "tls_client_cert_env_variable",
            "tls_client_key", "tls_client_key_file", "tls_client_key_env_variable", "tls_insecure_skip_verify",
            "tls_server_name", "timeout", "cache", "force_cache", "force_cache_duration_seconds", "raise_error",
            "caching_mode", "max_retry_attempts", "cache_ignored_headers");
    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

    static final List<Builtin> ALL = List.of(
            nondeterministic("http.send", List.of(objectOf(STRING, ANY)), ANY_OBJECT, HttpBuiltins::send));

    private static Value send(BuiltinContext ctx, Value[] a) throws BuiltinException {
        ObjectValue req = Operands.object("http.send", a, 1);
        Set<String> invalid = new TreeSet<>();
        for (int i = 0; i < req.size(); i++) {
            String k = req.keyAt(i) instanceof StringValue s ? s.value() : req.keyAt(i).toJson();
            if (!ALLOWED_KEYS.contains(k)) {
                invalid.add(k);
            }
        }
        if (!invalid.isEmpty()) {
            throw BuiltinException.typeError("http.send: operand 1 invalid request parameters(s): " + quotedSet(invalid));
        }
        Set<String> missing = new TreeSet<>();
        for (String k : List.of("method", "url")) {
            if (req.get(k) == null) {
                missing.add(k);
            }
        }
        if (!missing.isEmpty()) {
            throw BuiltinException.typeError("http.send: operand 1 missing required request parameters(s): " + quotedSet(missing));
        }
        Object cached = ctx.evalCache().get(List.of("http.send", req));
        if (cached instanceof Value v) {
            return v;
        }
        boolean raise = !(req.get("raise_error") instanceof BooleanValue b) || b.value();
        Value result;
        try {
            result = perform(ctx, req);
        } catch (IOException | IllegalArgumentException e) {
            if (raise) {
                throw BuiltinException.error("http.send: " + e.getMessage());
            }
            result = ObjectValue.of("status_code", NumberValue.ZERO,
                    "error", ObjectValue.of("code", StringValue.of("eval_http_send_network_error"), "message", StringValue.of(e.getMessage())));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw BuiltinException.halt(BuiltinException.Kind.BUILTIN, "http.send: interrupted");
        }
        ctx.evalCache().put(List.of("http.send", req), result);
        return result;
    }

    private static String quotedSet(Set<String> keys) {
        List<String> q = new ArrayList<>();
        for (String k : keys) {
            q.add(GoFormat.quote(k, false));
        }
        return "{" + String.join(", ", q) + "}";
    }

    private static Value perform(BuiltinContext ctx, ObjectValue req) throws IOException, InterruptedException {
        String method = req.get("method") instanceof StringValue m ? m.value().toUpperCase(java.util.Locale.ROOT) : "GET";
        String url = req.get("url") instanceof StringValue u ? u.value() : "";
        URI uri = URI.create(url);
        if (!ctx.httpAllowed(uri)) {
            throw new IOException(method + " " + url + ": network access is not allowed for this host");
        }
        Duration timeout = DEFAULT_TIMEOUT;
        if (req.get("timeout") instanceof StringValue t) {
            try {
                timeout = Duration.ofNanos(GoTime.parseDuration(t.value()));
            } catch (GoTime.ParseError e) {
                throw new IllegalArgumentException(e.getMessage());
            }
        } else if (req.get("timeout") instanceof NumberValue n && n.isLong()) {
            timeout = Duration.ofNanos(n.longValue());
        }
        boolean redirect = req.get("enable_redirect") instanceof BooleanValue r && r.value();
        HttpClient client = HttpClient.newBuilder().connectTimeout(timeout)
                .followRedirects(redirect ? HttpClient.Redirect.NORMAL : HttpClient.Redirect.NEVER).build();
        String body = req.get("raw_body") instanceof StringValue rb ? rb.value()
                : req.get("body") != null ? Json.write(req.get("body")) : null;
        HttpRequest.Builder rb = HttpRequest.newBuilder(uri).timeout(timeout)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (req.get("headers") instanceof ObjectValue headers) {
            for (int i = 0; i < headers.size(); i++) {
                if (headers.keyAt(i) instanceof StringValue k && headers.valueAt(i) instanceof StringValue v) {
                    rb.header(k.value(), v.value());
                }
            }
        }
        HttpResponse<byte[]> resp = client.send(rb.build(), HttpResponse.BodyHandlers.ofByteArray());
        String raw = new String(resp.body(), StandardCharsets.UTF_8);
        ObjectValue.Builder headers = ObjectValue.builder();
        for (Map.Entry<String, List<String>> e : resp.headers().map().entrySet()) {
            List<Value> vs = new ArrayList<>();
            e.getValue().forEach(v -> vs.add(StringValue.of(v)));
            headers.put(e.getKey().toLowerCase(java.util.Locale.ROOT), ArrayValue.of(vs));
        }
        ObjectValue.Builder out = ObjectValue.builder()
                .put("status", StringValue.of(resp.statusCode() + ""))
                .put("status_code", NumberValue.of(resp.statusCode()))
                .put("raw_body", StringValue.of(raw))
                .put("headers", headers.build());
        String type = resp.headers().firstValue("content-type").orElse("");
        boolean json = type.contains("json") || req.get("force_json_decode") instanceof BooleanValue f && f.value();
        Value decoded = null;
        if (json) {
            try {
                decoded = GoJson.parse(raw);
            } catch (GoJson.SyntaxError e) {
                decoded = null;
            }
        }
        out.put("body", decoded == null ? io.changegate.rego.value.NullValue.INSTANCE : decoded);
        return out.build();
    }
}
