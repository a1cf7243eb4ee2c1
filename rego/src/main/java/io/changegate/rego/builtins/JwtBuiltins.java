package io.changegate.rego.builtins;

import static io.changegate.rego.builtins.Builtins.fn;
import static io.changegate.rego.builtins.Builtins.nondeterministic;
import static io.changegate.rego.builtins.Type.ANY;
import static io.changegate.rego.builtins.Type.BOOLEAN;
import static io.changegate.rego.builtins.Type.STRING;
import static io.changegate.rego.builtins.Type.arrayOf;
import static io.changegate.rego.builtins.Type.objectOf;

import io.changegate.rego.value.ArrayValue;
import io.changegate.rego.value.BooleanValue;
import io.changegate.rego.value.Json;
import io.changegate.rego.value.NumberValue;
import io.changegate.rego.value.ObjectValue;
import io.changegate.rego.value.StringValue;
import io.changegate.rego.value.Value;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.RSAKey;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** JSON Web Tokens: decoding, signature verification for every JWS algorithm, claim checks, signing. */
final class JwtBuiltins {
    private JwtBuiltins() {
    }

    /** The three parts of a compact JWS. */
    private record Token(String header, String payload, String signature) {
        byte[] signingInput() {
            return (header + "." + payload).getBytes(StandardCharsets.US_ASCII);
        }
    }

    private static final Set<String> CONSTRAINTS = Set.of("cert", "secret", "alg", "iss", "aud", "time");

    static final List<Builtin> ALL;

    static {
        List<Builtin> all = new ArrayList<>();
        all.add(fn("io.jwt.decode", List.of(STRING), arrayOf(ANY), (ctx, a) -> {
            String fn = "io.jwt.decode";
            Token t = token(fn, Operands.string(fn, a, 1));
            ObjectValue header = header(fn, t);
            Value payload = payload(fn, t);
            return ArrayValue.of(header, payload, StringValue.of(HexFormat.of().formatHex(signature(fn, t))));
        }));
        for (String alg : List.of("HS256", "HS384", "HS512", "RS256", "RS384", "RS512", "PS256", "PS384", "PS512",
                "ES256", "ES384", "ES512", "EdDSA")) {
            String name = "io.jwt.verify_" + alg.toLowerCase(java.util.Locale.ROOT);
            all.add(fn(name, List.of(STRING, STRING), BOOLEAN, (ctx, a) -> {
                Token t = token(name, Operands.string(name, a, 1));
                String keyText = Operands.string(name, a, 2);
                byte[] sig = signature(name, t);
                List<Object> keys;
                if (alg.startsWith("HS")) {
                    keys = List.of(keyText.getBytes(StandardCharsets.UTF_8));
                } else {
                    try {
                        keys = Keys.verificationKeys(keyText);
                    } catch (GeneralSecurityException e) {
                        throw BuiltinException.error(name + ": " + e.getMessage());
                    }
                }
                for (Object k : keys) {
                    if (verify(alg, k, t.signingInput(), sig)) {
                        return BooleanValue.TRUE;
                    }
                }
                return BooleanValue.FALSE;
            }));
        }
        all.add(nondeterministic("io.jwt.decode_verify", List.of(STRING, objectOf(STRING, ANY)), arrayOf(ANY), JwtBuiltins::decodeVerify));
        all.add(nondeterministic("io.jwt.encode_sign", List.of(objectOf(STRING, ANY), objectOf(STRING, ANY), objectOf(STRING, ANY)), STRING, (ctx, a) -> {
            String fn = "io.jwt.encode_sign";
            // Header and payload are marshalled whatever their type; a header that is not an object has no alg.
            ObjectValue key = Operands.object(fn, a, 3);
            Keys.Jwk jwk = jwk(fn, key);
            ObjectValue header = a[0] instanceof ObjectValue h ? h : ObjectValue.EMPTY;
            return StringValue.of(sign(fn, Json.writeGo(a[0]), header, Json.writeGo(a[1]), jwk));
        }));
        all.add(nondeterministic("io.jwt.encode_sign_raw", List.of(STRING, STRING, STRING), STRING, (ctx, a) -> {
            String fn = "io.jwt.encode_sign_raw";
            String headerText = Operands.string(fn, a, 1);
            String payloadText = Operands.string(fn, a, 2);
            String keyText = Operands.string(fn, a, 3);
            Value header;
            try {
                header = GoJson.parse(headerText);
            } catch (GoJson.SyntaxError e) {
                throw BuiltinException.error(fn + ": " + e.getMessage());
            }
            if (!(header instanceof ObjectValue h)) {
                throw BuiltinException.error(fn + ": invalid JWS header");
            }
            Value typ = h.get("typ");
            if ((typ == null || typ.equals(StringValue.of("JWT"))) && !GoJson.isValid(payloadText)) {
                throw BuiltinException.error(fn + ": type is JWT but payload is not JSON");
            }
            Keys.Jwk key;
            try {
                List<Keys.Jwk> keys = Keys.jwks(keyText);
                if (keys.size() != 1) {
                    throw new GeneralSecurityException("jwk.Parse: failed to unmarshal JWK set: failed to parse sole key in key set");
                }
                key = keys.getFirst();
            } catch (GeneralSecurityException e) {
                throw BuiltinException.error(fn + ": " + e.getMessage());
            }
            return StringValue.of(sign(fn, headerText, h, payloadText, key));
        }));
        ALL = List.copyOf(all);
    }

    private static Token token(String fn, String s) throws BuiltinException {
        if (!s.contains(".")) {
            throw BuiltinException.error(fn + ": encoded JWT had no period separators");
        }
        String[] parts = s.split("\\.", -1);
        if (parts.length != 3) {
            throw BuiltinException.error(fn + ": encoded JWT must have 3 sections, found " + parts.length);
        }
        return new Token(parts[0], parts[1], parts[2]);
    }

    private static byte[] b64(String s) throws GoBase64.CorruptInput {
        return GoBase64.decodeUrlLenient(s);
    }

    private static ObjectValue header(String fn, Token t) throws BuiltinException {
        try {
            Value v = GoJson.parse(new String(b64(t.header()), StandardCharsets.UTF_8));
            if (v instanceof ObjectValue o) {
                return o;
            }
            throw BuiltinException.error(fn + ": JWT header had invalid encoding: not a JSON object");
        } catch (GoBase64.CorruptInput | IllegalArgumentException e) {
            throw BuiltinException.error(fn + ": JWT header had invalid encoding: " + e.getMessage());
        } catch (GoJson.SyntaxError e) {
            throw BuiltinException.error(fn + ": JWT header had invalid encoding: " + e.getMessage());
        }
    }

    private static Value payload(String fn, Token t) throws BuiltinException {
        String text;
        try {
            text = new String(b64(t.payload()), StandardCharsets.UTF_8);
        } catch (GoBase64.CorruptInput | IllegalArgumentException e) {
            throw BuiltinException.error(fn + ": JWT payload had invalid encoding: " + e.getMessage());
        }
        try {
            Value v = GoJson.parse(text);
            if (v instanceof ObjectValue) {
                return v;
            }
        } catch (GoJson.SyntaxError e) {
            // fall through
        }
        throw BuiltinException.error(fn + ": JWT payload could not be decoded as a JSON object");
    }

    private static byte[] signature(String fn, Token t) throws BuiltinException {
        try {
            return b64(t.signature());
        } catch (GoBase64.CorruptInput | IllegalArgumentException e) {
            throw BuiltinException.error(fn + ": JWT signature had invalid encoding: " + e.getMessage());
        }
    }

    private static String hash(String alg) {
        return "SHA-" + alg.substring(2);
    }

    /** Whether {@code sig} is a valid {@code alg} signature of {@code input} under {@code key}. */
    static boolean verify(String alg, Object key, byte[] input, byte[] sig) {
        try {
            if (alg.startsWith("HS")) {
                if (!(key instanceof byte[] secret)) {
                    return false;
                }
                return Keys.sameBytes(hmac(alg, secret, input), sig);
            }
            if (!(key instanceof PublicKey pk)) {
                return false;
            }
            if (alg.startsWith("PS")) {
                if (!(pk instanceof RSAKey rsa)) {
                    return false;
                }
                int hashLen = Integer.parseInt(alg.substring(2)) / 8;
                int emLen = (rsa.getModulus().bitLength() + 6) / 8;
                for (int salt : new int[] {hashLen, emLen - hashLen - 2, 0}) {
                    if (salt < 0) {
                        continue;
                    }
                    Signature s = Signature.getInstance("RSASSA-PSS");
                    s.setParameter(new PSSParameterSpec(hash(alg), "MGF1", new MGF1ParameterSpec(hash(alg)), salt, 1));
                    s.initVerify(pk);
                    s.update(input);
                    if (s.verify(sig)) {
                        return true;
                    }
                }
                return false;
            }
            Signature s = Signature.getInstance(javaAlgorithm(alg));
            s.initVerify(pk);
            s.update(input);
            return s.verify(sig);
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    private static String javaAlgorithm(String alg) throws GeneralSecurityException {
        String bits = alg.length() > 2 ? alg.substring(2) : "";
        return switch (alg.substring(0, 2)) {
            case "RS" -> "SHA" + bits + "withRSA";
            case "ES" -> "SHA" + bits + "withECDSAinP1363Format";
            case "Ed" -> "Ed25519";
            default -> throw new GeneralSecurityException("unsupported algorithm " + alg);
        };
    }

    static byte[] hmac(String alg, byte[] secret, byte[] input) throws GeneralSecurityException {
        String name = "HmacSHA" + alg.substring(2);
        Mac mac = Mac.getInstance(name);
        mac.init(new SecretKeySpec(secret.length == 0 ? new byte[1] : secret, name));
        if (secret.length == 0) {
            // Java refuses empty HMAC keys; HMAC pads keys with zeros, so one zero byte is the same key.
            mac.init(new SecretKeySpec(new byte[1], name));
        }
        return mac.doFinal(input);
    }

    private static Keys.Jwk jwk(String fn, ObjectValue key) throws BuiltinException {
        try {
            return Keys.jwk(key);
        } catch (GeneralSecurityException | RuntimeException e) {
            throw BuiltinException.error(fn + ": jwk.Parse: failed to unmarshal JWK set: failed to parse sole key in key set");
        }
    }

    private static String sign(String fn, String headerText, ObjectValue header, String payloadText, Keys.Jwk key) throws BuiltinException {
        if (!(header.get("alg") instanceof StringValue algValue)) {
            throw BuiltinException.error(fn + ": missing or invalid 'alg' header: jwsbb: header \"alg\" not found");
        }
        String alg = algValue.value();
        String input = GoBase64.encode(headerText.getBytes(StandardCharsets.UTF_8), GoBase64.URL, false) + "."
                + GoBase64.encode(payloadText.getBytes(StandardCharsets.UTF_8), GoBase64.URL, false);
        byte[] data = input.getBytes(StandardCharsets.US_ASCII);
        byte[] sig;
        try {
            if (alg.startsWith("HS")) {
                if (!(key instanceof Keys.SecretJwk s)) {
                    throw new GeneralSecurityException("invalid key type for " + alg);
                }
                sig = hmac(alg, s.secret(), data);
            } else {
                if (!(key instanceof Keys.PrivateJwk p)) {
                    throw new GeneralSecurityException("invalid key type for " + alg);
                }
                sig = signWith(alg, p.key(), data);
            }
        } catch (GeneralSecurityException | RuntimeException e) {
            throw BuiltinException.error(fn + ": failed to sign token: " + e.getMessage());
        }
        return input + "." + GoBase64.encode(sig, GoBase64.URL, false);
    }

    private static byte[] signWith(String alg, PrivateKey key, byte[] data) throws GeneralSecurityException {
        Signature s;
        if (alg.startsWith("PS")) {
            s = Signature.getInstance("RSASSA-PSS");
            int hashLen = Integer.parseInt(alg.substring(2)) / 8;
            s.setParameter(new PSSParameterSpec(hash(alg), "MGF1", new MGF1ParameterSpec(hash(alg)), hashLen, 1));
        } else {
            s = Signature.getInstance(javaAlgorithm(alg));
        }
        s.initSign(key);
        s.update(data);
        return s.sign();
    }

    private static Value decodeVerify(BuiltinContext ctx, Value[] a) throws BuiltinException {
        String fn = "io.jwt.decode_verify";
        String jwt = Operands.string(fn, a, 1);
        ObjectValue c = Operands.object(fn, a, 2);
        for (int i = 0; i < c.size(); i++) {
            String k = c.keyAt(i) instanceof StringValue s ? s.value() : c.keyAt(i).toJson();
            if (!CONSTRAINTS.contains(k)) {
                throw BuiltinException.error(fn + ": unknown token validation constraint: " + k);
            }
        }
        Value cert = c.get("cert");
        Value secret = c.get("secret");
        if (cert == null && secret == null) {
            throw BuiltinException.error(fn + ": no key constraint");
        }
        Token t = token(fn, jwt);
        ObjectValue header = header(fn, t);
        ArrayValue invalid = ArrayValue.of(BooleanValue.FALSE, ObjectValue.EMPTY, ObjectValue.EMPTY);
        if (!(header.get("alg") instanceof StringValue algValue)) {
            return invalid;
        }
        String alg = algValue.value();
        if (c.get("alg") instanceof StringValue want && !want.value().equals(alg)) {
            return invalid;
        }
        byte[] sig = signature(fn, t);
        List<Object> keys = new ArrayList<>();
        if (secret instanceof StringValue s) {
            keys.add(s.value().getBytes(StandardCharsets.UTF_8));
        }
        if (cert instanceof StringValue s) {
            try {
                keys.addAll(Keys.verificationKeys(s.value()));
            } catch (GeneralSecurityException e) {
                throw BuiltinException.error(fn + ": " + e.getMessage());
            }
        }
        boolean ok = false;
        for (Object k : keys) {
            if (verify(alg, k, t.signingInput(), sig)) {
                ok = true;
                break;
            }
        }
        if (!ok) {
            return invalid;
        }
        Value payloadValue = payload(fn, t);
        ObjectValue payload = (ObjectValue) payloadValue;
        BigDecimal now = c.get("time") instanceof NumberValue tn ? tn.bigDecimalValue() : BigDecimal.valueOf(ctx.nowNanos());
        BigDecimal seconds = now.divide(BigDecimal.valueOf(1_000_000_000L));
        if (payload.get("exp") instanceof NumberValue exp && seconds.compareTo(exp.bigDecimalValue()) >= 0) {
            return invalid;
        }
        if (payload.get("nbf") instanceof NumberValue nbf && seconds.compareTo(nbf.bigDecimalValue()) < 0) {
            return invalid;
        }
        if (c.get("iss") instanceof StringValue iss && !iss.equals(payload.get("iss"))) {
            return invalid;
        }
        Value aud = payload.get("aud");
        Value wantAud = c.get("aud");
        if (aud != null) {
            if (!(wantAud instanceof StringValue w)) {
                return invalid;
            }
            boolean match = aud instanceof StringValue s ? s.equals(w)
                    : aud instanceof ArrayValue arr && arr.asList().contains(w);
            if (!match) {
                return invalid;
            }
        } else if (wantAud instanceof StringValue w && !w.value().isEmpty()) {
            return invalid;
        }
        return ArrayValue.of(BooleanValue.TRUE, header, payload);
    }
}
