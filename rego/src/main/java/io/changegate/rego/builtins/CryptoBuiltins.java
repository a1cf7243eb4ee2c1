package io.changegate.rego.builtins;

import static io.changegate.rego.builtins.Builtins.fn;
import static io.changegate.rego.builtins.Builtins.nondeterministic;
import static io.changegate.rego.builtins.Type.ANY;
import static io.changegate.rego.builtins.Type.ANY_OBJECT;
import static io.changegate.rego.builtins.Type.BOOLEAN;
import static io.changegate.rego.builtins.Type.STRING;
import static io.changegate.rego.builtins.Type.arrayOf;
import static io.changegate.rego.builtins.Type.objectOf;

import io.changegate.rego.value.ArrayValue;
import io.changegate.rego.value.BooleanValue;
import io.changegate.rego.value.NullValue;
import io.changegate.rego.value.NumberValue;
import io.changegate.rego.value.ObjectValue;
import io.changegate.rego.value.StringValue;
import io.changegate.rego.value.Value;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.EdECPrivateKey;
import java.security.interfaces.EdECPublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/** Hashes, HMACs, and X.509 certificates, requests and keys. */
final class CryptoBuiltins {
    private CryptoBuiltins() {
    }

    private static final Map<String, Integer> KEY_USAGE_OPTIONS = Map.ofEntries(
            Map.entry("KeyUsageAny", 0), Map.entry("KeyUsageServerAuth", 1), Map.entry("KeyUsageClientAuth", 2),
            Map.entry("KeyUsageCodeSigning", 3), Map.entry("KeyUsageEmailProtection", 4), Map.entry("KeyUsageIPSECEndSystem", 5),
            Map.entry("KeyUsageIPSECTunnel", 6), Map.entry("KeyUsageIPSECUser", 7), Map.entry("KeyUsageTimeStamping", 8),
            Map.entry("KeyUsageOCSPSigning", 9), Map.entry("KeyUsageMicrosoftServerGatedCrypto", 10),
            Map.entry("KeyUsageNetscapeServerGatedCrypto", 11), Map.entry("KeyUsageMicrosoftCommercialCodeSigning", 12),
            Map.entry("KeyUsageMicrosoftKernelCodeSigning", 13));

    static final List<Builtin> ALL = List.of(
            hash("crypto.md5", "MD5"),
            hash("crypto.sha1", "SHA-1"),
            hash("crypto.sha256", "SHA-256"),
            hmac("crypto.hmac.md5", "HmacMD5"),
            hmac("crypto.hmac.sha1", "HmacSHA1"),
            hmac("crypto.hmac.sha256", "HmacSHA256"),
            hmac("crypto.hmac.sha512", "HmacSHA512"),
            fn("crypto.hmac.equal", List.of(STRING, STRING), BOOLEAN, (ctx, a) -> BooleanValue.of(MessageDigest.isEqual(
                    Operands.string("crypto.hmac.equal", a, 1).getBytes(StandardCharsets.UTF_8),
                    Operands.string("crypto.hmac.equal", a, 2).getBytes(StandardCharsets.UTF_8)))),
            fn("crypto.x509.parse_certificates", List.of(STRING), arrayOf(ANY_OBJECT), (ctx, a) -> {
                String fn = "crypto.x509.parse_certificates";
                List<Value> out = new ArrayList<>();
                for (X509Json.Parsed p : certificates(fn, Operands.string(fn, a, 1))) {
                    out.add(p.value.with(StringValue.of("URIStrings"), p.uriStrings));
                }
                return ArrayValue.of(out);
            }),
            nondeterministic("crypto.x509.parse_and_verify_certificates", List.of(STRING), arrayOf(ANY), (ctx, a) -> {
                String fn = "crypto.x509.parse_and_verify_certificates";
                return verifyChain(fn, Operands.string(fn, a, 1), ObjectValue.EMPTY, ctx.nowNanos());
            }),
            nondeterministic("crypto.x509.parse_and_verify_certificates_with_options", List.of(STRING, objectOf(STRING, ANY)), arrayOf(ANY), (ctx, a) -> {
                String fn = "crypto.x509.parse_and_verify_certificates_with_options";
                String certs = Operands.string(fn, a, 1);
                ObjectValue options = Operands.object(fn, a, 2);
                return verifyChain(fn, certs, options, ctx.nowNanos());
            }),
            fn("crypto.x509.parse_certificate_request", List.of(STRING), ANY_OBJECT, (ctx, a) -> {
                String fn = "crypto.x509.parse_certificate_request";
                String input = Operands.string(fn, a, 1);
                byte[] bytes = input.getBytes(StandardCharsets.UTF_8);
                if (!input.startsWith("-----BEGIN CERTIFICATE REQUEST")) {
                    bytes = base64(fn, input);
                }
                List<Keys.Pem> blocks = Keys.pemBlocks(new String(bytes, StandardCharsets.ISO_8859_1));
                if (!blocks.isEmpty()) {
                    if (!blocks.getFirst().type().equals("CERTIFICATE REQUEST")) {
                        throw BuiltinException.error(fn + ": invalid PEM-encoded certificate signing request");
                    }
                    bytes = blocks.getFirst().der();
                }
                try {
                    return X509Json.certificateRequest(bytes);
                } catch (Der.DerException | RuntimeException e) {
                    throw BuiltinException.error(fn + ": " + message(e));
                }
            }),
            fn("crypto.x509.parse_keypair", List.of(STRING, STRING), ANY_OBJECT, CryptoBuiltins::parseKeypair),
            fn("crypto.x509.parse_rsa_private_key", List.of(STRING), ANY_OBJECT, (ctx, a) -> {
                String fn = "crypto.x509.parse_rsa_private_key";
                String pem = pemText(fn, Operands.string(fn, a, 1));
                List<PrivateKey> keys;
                try {
                    keys = Keys.privateKeys(pem);
                } catch (GeneralSecurityException | Der.DerException e) {
                    throw BuiltinException.error(fn + ": " + e.getMessage());
                }
                if (keys.isEmpty()) {
                    throw BuiltinException.error(fn + ": failed to parse PEM block containing the key");
                }
                if (!(keys.getFirst() instanceof RSAPrivateCrtKey k)) {
                    throw BuiltinException.error(fn + ": private key is not an RSA key");
                }
                return ObjectValue.builder().put("kty", StringValue.of("RSA")).put("n", b64url(k.getModulus()))
                        .put("e", b64url(k.getPublicExponent())).put("d", b64url(k.getPrivateExponent()))
                        .put("p", b64url(k.getPrimeP())).put("q", b64url(k.getPrimeQ())).put("dp", b64url(k.getPrimeExponentP()))
                        .put("dq", b64url(k.getPrimeExponentQ())).put("qi", b64url(k.getCrtCoefficient())).build();
            }),
            fn("crypto.parse_private_keys", List.of(STRING), arrayOf(ANY_OBJECT), (ctx, a) -> {
                String fn = "crypto.parse_private_keys";
                String input = Operands.string(fn, a, 1);
                if (input.isEmpty()) {
                    return NullValue.INSTANCE;
                }
                String pem = pemText(fn, input);
                try {
                    List<Value> out = new ArrayList<>();
                    for (PrivateKey k : Keys.privateKeys(pem)) {
                        out.add(X509Json.privateKey(k));
                    }
                    return ArrayValue.of(out);
                } catch (GeneralSecurityException | Der.DerException e) {
                    throw BuiltinException.error(fn + ": " + e.getMessage());
                }
            }));

    private static Builtin hash(String name, String algorithm) {
        return fn(name, List.of(STRING), STRING, (ctx, a) -> {
            try {
                byte[] d = MessageDigest.getInstance(algorithm).digest(Operands.string(name, a, 1).getBytes(StandardCharsets.UTF_8));
                return StringValue.of(HexFormat.of().formatHex(d));
            } catch (GeneralSecurityException e) {
                throw BuiltinException.error(name + ": " + e.getMessage());
            }
        });
    }

    private static Builtin hmac(String name, String algorithm) {
        return fn(name, List.of(STRING, STRING), STRING, (ctx, a) -> {
            byte[] message = Operands.string(name, a, 1).getBytes(StandardCharsets.UTF_8);
            byte[] key = Operands.string(name, a, 2).getBytes(StandardCharsets.UTF_8);
            try {
                javax.crypto.Mac mac = javax.crypto.Mac.getInstance(algorithm);
                // Java refuses an empty key; HMAC zero-pads keys, so a single zero byte is the same key.
                mac.init(new javax.crypto.spec.SecretKeySpec(key.length == 0 ? new byte[1] : key, algorithm));
                return StringValue.of(HexFormat.of().formatHex(mac.doFinal(message)));
            } catch (GeneralSecurityException e) {
                throw BuiltinException.error(name + ": " + e.getMessage());
            }
        });
    }

    private static String message(Exception e) {
        return e instanceof Der.DerException ? e.getMessage() : "asn1: structure error: " + e.getMessage();
    }

    private static StringValue b64url(java.math.BigInteger v) {
        byte[] b = v.toByteArray();
        if (b.length > 1 && b[0] == 0) {
            b = java.util.Arrays.copyOfRange(b, 1, b.length);
        }
        return StringValue.of(GoBase64.encode(b, GoBase64.URL, false));
    }

    private static byte[] base64(String fn, String s) throws BuiltinException {
        try {
            return GoBase64.decode(s, GoBase64.STD, true);
        } catch (GoBase64.CorruptInput e) {
            throw BuiltinException.error(fn + ": " + e.getMessage());
        }
    }

    /** PEM text as given, or decoded from base64 when it does not start with a PEM header. */
    private static String pemText(String fn, String s) throws BuiltinException {
        if (s.startsWith("-----BEGIN")) {
            return s;
        }
        return new String(base64(fn, s), StandardCharsets.ISO_8859_1);
    }

    /** Certificates from PEM, base64 DER, or base64 PEM. */
    static List<X509Json.Parsed> certificates(String fn, String input) throws BuiltinException {
        List<byte[]> ders = new ArrayList<>();
        String pem = null;
        if (input.startsWith("-----BEGIN")) {
            pem = input;
        } else {
            byte[] raw = base64(fn, input);
            String text = new String(raw, StandardCharsets.ISO_8859_1);
            if (text.startsWith("-----BEGIN")) {
                pem = text;
            } else {
                try {
                    for (Der.Element e : Der.readAll(raw, 0, raw.length)) {
                        ders.add(e.raw());
                    }
                } catch (Der.DerException e) {
                    throw BuiltinException.error(fn + ": x509: malformed certificate");
                }
            }
        }
        if (pem != null) {
            for (Keys.Pem block : Keys.pemBlocks(pem)) {
                if (!block.type().equals("CERTIFICATE")) {
                    throw BuiltinException.error(fn + ": PEM block type is '" + block.type() + "', expected CERTIFICATE");
                }
                ders.add(block.der());
            }
        }
        List<X509Json.Parsed> out = new ArrayList<>();
        for (byte[] der : ders) {
            try {
                X509Json.Parsed p = X509Json.certificate(der);
                out.add(p);
            } catch (Der.DerException | RuntimeException e) {
                throw BuiltinException.error(fn + ": x509: malformed certificate");
            }
        }
        return out;
    }

    private static Value verifyChain(String fn, String certs, ObjectValue options, long now) throws BuiltinException {
        ArrayValue invalid = ArrayValue.of(BooleanValue.FALSE, ArrayValue.EMPTY);
        long time = now;
        List<Integer> usages = new ArrayList<>(List.of(1));
        String dnsName = null;
        for (int i = 0; i < options.size(); i++) {
            String k = options.keyAt(i) instanceof StringValue s ? s.value() : options.keyAt(i).toJson();
            Value v = options.valueAt(i);
            switch (k) {
                case "DNSName" -> dnsName = v instanceof StringValue s ? s.value() : null;
                case "CurrentTime" -> {
                    if (v instanceof NumberValue n && n.isLong()) {
                        time = n.longValue();
                    }
                }
                case "MaxConstraintComparisons" -> {
                }
                case "KeyUsages" -> {
                    usages.clear();
                    if (v instanceof ArrayValue arr) {
                        for (Value u : arr.asList()) {
                            Integer code = u instanceof StringValue s ? KEY_USAGE_OPTIONS.get(s.value()) : null;
                            if (code == null) {
                                throw BuiltinException.error(fn + ": invalid key usage " + u.toJson());
                            }
                            usages.add(code);
                        }
                    }
                }
                default -> throw BuiltinException.error(fn + ": invalid option key " + k);
            }
        }
        List<X509Json.Parsed> parsed;
        List<X509Certificate> jcerts = new ArrayList<>();
        try {
            parsed = certificates(fn, certs);
            for (X509Json.Parsed p : parsed) {
                jcerts.add(Keys.certificate(GoBase64.decode(((StringValue) p.value.get("Raw")).value(), GoBase64.STD, true)));
            }
        } catch (BuiltinException | GeneralSecurityException | GoBase64.CorruptInput e) {
            return invalid;
        }
        if (parsed.size() < 2) {
            return invalid;
        }
        long seconds = Math.floorDiv(time, 1_000_000_000L);
        int leaf = parsed.size() - 1;
        List<Integer> chain = new ArrayList<>(List.of(leaf));
        int current = leaf;
        while (current != 0) {
            int parent = -1;
            for (int i = 0; i < leaf; i++) {
                if (chain.contains(i)) {
                    continue;
                }
                if (java.util.Arrays.equals(parsed.get(i).rawSubject, parsed.get(current).rawIssuer)
                        && (i == 0 || (parsed.get(i).basicConstraintsValid && parsed.get(i).isCa))
                        && signedBy(jcerts.get(current), jcerts.get(i).getPublicKey())) {
                    parent = i == 0 && parent < 0 ? 0 : (parent < 0 ? i : parent);
                    if (i != 0) {
                        break;
                    }
                }
            }
            if (parent < 0) {
                return invalid;
            }
            chain.add(parent);
            current = parent;
        }
        for (int i : chain) {
            X509Json.Parsed p = parsed.get(i);
            if (seconds < p.notBefore || seconds > p.notAfter) {
                return invalid;
            }
        }
        if (!usages.contains(0)) {
            for (int i : chain) {
                X509Json.Parsed p = parsed.get(i);
                if (p.hasExtKeyUsage && !p.extKeyUsages.contains(0) && p.extKeyUsages.stream().noneMatch(usages::contains)) {
                    return invalid;
                }
            }
        }
        if (dnsName != null && !dnsName.isEmpty() && !matchesHost(parsed.get(leaf).dnsNames, dnsName)) {
            return invalid;
        }
        List<Value> out = new ArrayList<>();
        for (int i : chain) {
            out.add(parsed.get(i).value);
        }
        return ArrayValue.of(BooleanValue.TRUE, ArrayValue.of(out));
    }

    private static boolean signedBy(X509Certificate cert, PublicKey key) {
        try {
            cert.verify(key);
            return true;
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    private static boolean matchesHost(List<String> names, String host) {
        String h = host.toLowerCase(java.util.Locale.ROOT);
        if (h.endsWith(".")) {
            h = h.substring(0, h.length() - 1);
        }
        for (String n : names) {
            String pattern = n.toLowerCase(java.util.Locale.ROOT);
            if (pattern.equals(h)) {
                return true;
            }
            if (pattern.startsWith("*.")) {
                int dot = h.indexOf('.');
                if (dot > 0 && h.substring(dot).equals(pattern.substring(1))) {
                    return true;
                }
            }
        }
        return false;
    }

    private static Value parseKeypair(BuiltinContext ctx, Value[] a) throws BuiltinException {
        String fn = "crypto.x509.parse_keypair";
        String certText = pemText(fn, Operands.string(fn, a, 1));
        if (!(a[1] instanceof StringValue keyValue)) {
            throw Operands.mustBe(fn, 1, "string", a[1]);
        }
        String keyText = pemText(fn, keyValue.value());
        List<Value> chain = new ArrayList<>();
        List<byte[]> ders = new ArrayList<>();
        for (Keys.Pem p : Keys.pemBlocks(certText)) {
            if (p.type().equals("CERTIFICATE")) {
                ders.add(p.der());
                chain.add(StringValue.of(X509Json.b64(p.der())));
            }
        }
        if (ders.isEmpty()) {
            throw BuiltinException.error(fn + ": tls: failed to find any PEM data in certificate input");
        }
        PrivateKey key;
        try {
            List<PrivateKey> keys = Keys.privateKeys(keyText);
            if (keys.isEmpty()) {
                throw BuiltinException.error(fn + ": tls: failed to find any PEM data in key input");
            }
            key = keys.getFirst();
        } catch (GeneralSecurityException | Der.DerException e) {
            throw BuiltinException.error(fn + ": tls: failed to parse private key");
        }
        X509Json.Parsed leaf;
        PublicKey pub;
        try {
            leaf = X509Json.certificate(ders.getFirst());
            pub = Keys.certificate(ders.getFirst()).getPublicKey();
        } catch (Der.DerException | GeneralSecurityException | RuntimeException e) {
            throw BuiltinException.error(fn + ": x509: malformed certificate");
        }
        boolean sameType = (pub instanceof RSAPublicKey && key instanceof RSAPrivateKey)
                || (pub instanceof ECPublicKey && key instanceof ECPrivateKey)
                || (pub instanceof EdECPublicKey && key instanceof EdECPrivateKey);
        if (!sameType) {
            throw BuiltinException.error(fn + ": tls: private key type does not match public key type");
        }
        if (pub instanceof RSAPublicKey rp && key instanceof RSAPrivateKey rk && !rp.getModulus().equals(rk.getModulus())) {
            throw BuiltinException.error(fn + ": tls: private key does not match public key");
        }
        if (pub instanceof ECPublicKey ep && key instanceof ECPrivateKey ek && !ep.getW().equals(X509Json.publicPoint(ek))) {
            throw BuiltinException.error(fn + ": tls: private key does not match public key");
        }
        return ObjectValue.builder().put("Certificate", ArrayValue.of(chain)).put("PrivateKey", X509Json.privateKey(key))
                .put("Leaf", leaf.value).put("OCSPStaple", NullValue.INSTANCE)
                .put("SignedCertificateTimestamps", NullValue.INSTANCE).put("SupportedSignatureAlgorithms", NullValue.INSTANCE).build();
    }
}
