package io.changegate.rego.builtins;

import static io.changegate.rego.builtins.Builtins.fn;
import static io.changegate.rego.builtins.Type.ANY;
import static io.changegate.rego.builtins.Type.NUMBER;
import static io.changegate.rego.builtins.Type.STRING;
import static io.changegate.rego.builtins.Type.objectOf;

import io.changegate.rego.value.NumberValue;
import io.changegate.rego.value.ObjectValue;
import io.changegate.rego.value.StringValue;
import io.changegate.rego.value.Value;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** {@code providers.aws.sign_req}: AWS Signature Version 4 over an {@code http.send} request object. */
final class AwsBuiltins {
    private AwsBuiltins() {
    }

    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyyMMdd").withZone(ZoneOffset.UTC);

    static final List<Builtin> ALL = List.of(
            fn("providers.aws.sign_req", List.of(objectOf(STRING, ANY), objectOf(STRING, ANY), NUMBER), objectOf(STRING, ANY), AwsBuiltins::sign));

    private static String string(ObjectValue o, String key) {
        return o.get(key) instanceof StringValue s ? s.value() : null;
    }

    private static Value sign(BuiltinContext ctx, Value[] a) throws BuiltinException {
        String fn = "providers.aws.sign_req";
        // OPA names every operand "operand 1" in these messages.
        if (!(a[0] instanceof ObjectValue req)) {
            throw Operands.mustBe(fn, 1, "object", a[0]);
        }
        if (!(a[1] instanceof ObjectValue cfg)) {
            throw Operands.mustBe(fn, 1, "object", a[1]);
        }
        if (!(a[2] instanceof NumberValue time)) {
            throw Operands.mustBe(fn, 1, "number", a[2]);
        }
        TreeSet<String> missing = new TreeSet<>();
        for (String k : List.of("aws_access_key", "aws_secret_access_key", "aws_service", "aws_region")) {
            if (string(cfg, k) == null) {
                missing.add(GoFormat.quote(k, false));
            }
        }
        if (!missing.isEmpty()) {
            throw BuiltinException.typeError(fn + ": operand 2 missing required AWS config parameters(s): {" + String.join(", ", missing) + "}");
        }
        String method = string(req, "method");
        String url = string(req, "url");
        if (method == null || url == null) {
            TreeSet<String> m = new TreeSet<>();
            if (method == null) {
                m.add("\"method\"");
            }
            if (url == null) {
                m.add("\"url\"");
            }
            throw BuiltinException.typeError(fn + ": operand 1 missing required request parameters(s): {" + String.join(", ", m) + "}");
        }
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw BuiltinException.error(fn + ": invalid url: " + url);
        }
        String service = string(cfg, "aws_service");
        String region = string(cfg, "aws_region");
        long nanos = time.isLong() ? time.longValue() : time.bigDecimalValue().longValue();
        Instant at = Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L));
        String amzDate = AMZ_DATE.format(at);
        String date = DATE.format(at);
        String body = string(req, "raw_body") != null ? string(req, "raw_body")
                : req.get("body") == null ? "" : io.changegate.rego.value.Json.writeGo(req.get("body"));
        String payloadHash = hex(sha256(body.getBytes(StandardCharsets.UTF_8)));

        ObjectValue headersIn = req.get("headers") instanceof ObjectValue h ? h : ObjectValue.EMPTY;
        ObjectValue.Builder headersOut = headersIn.toBuilder();
        TreeMap<String, String> canonical = new TreeMap<>();
        for (int i = 0; i < headersIn.size(); i++) {
            if (headersIn.keyAt(i) instanceof StringValue k && headersIn.valueAt(i) instanceof StringValue v) {
                canonical.put(k.value().toLowerCase(Locale.ROOT), v.value().strip());
            }
        }
        String host = uri.getRawAuthority() == null ? "" : uri.getRawAuthority();
        canonical.put("host", host);
        headersOut.put("host", StringValue.of(host));
        canonical.put("x-amz-date", amzDate);
        headersOut.put("x-amz-date", StringValue.of(amzDate));
        if (service.equals("s3")) {
            canonical.put("x-amz-content-sha256", payloadHash);
            headersOut.put("x-amz-content-sha256", StringValue.of(payloadHash));
        }
        String token = string(cfg, "aws_session_token");
        if (token != null && !token.isEmpty()) {
            canonical.put("x-amz-security-token", token);
            headersOut.put("x-amz-security-token", StringValue.of(token));
        }
        StringBuilder canonicalHeaders = new StringBuilder();
        for (Map.Entry<String, String> e : canonical.entrySet()) {
            canonicalHeaders.append(e.getKey()).append(':').append(e.getValue()).append('\n');
        }
        String signedHeaders = String.join(";", canonical.keySet());
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        // As OPA signs: the method as given, the query as written, the body as JSON unless raw_body is set.
        String canonicalRequest = method + "\n" + path + "\n" + (uri.getRawQuery() == null ? "" : uri.getRawQuery()) + "\n"
                + canonicalHeaders + "\n" + signedHeaders + "\n" + payloadHash;
        String scope = date + "/" + region + "/" + service + "/aws4_request";
        String toSign = "AWS4-HMAC-SHA256\n" + amzDate + "\n" + scope + "\n" + hex(sha256(canonicalRequest.getBytes(StandardCharsets.UTF_8)));
        try {
            byte[] key = hmac(("AWS4" + string(cfg, "aws_secret_access_key")).getBytes(StandardCharsets.UTF_8), date);
            key = hmac(key, region);
            key = hmac(key, service);
            key = hmac(key, "aws4_request");
            String signature = hex(hmac(key, toSign));
            headersOut.put("Authorization", StringValue.of("AWS4-HMAC-SHA256 Credential=" + string(cfg, "aws_access_key") + "/" + scope
                    + ",SignedHeaders=" + signedHeaders + ",Signature=" + signature));
        } catch (GeneralSecurityException e) {
            throw BuiltinException.error(fn + ": " + e.getMessage());
        }
        return req.with(StringValue.of("headers"), headersOut.build());
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] hmac(byte[] key, String data) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    }

    private static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }
}
