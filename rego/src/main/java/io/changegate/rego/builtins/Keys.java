package io.changegate.rego.builtins;

import io.changegate.rego.value.ObjectValue;
import io.changegate.rego.value.StringValue;
import io.changegate.rego.value.Value;
import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPrivateKeySpec;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.EdECPoint;
import java.security.spec.EdECPrivateKeySpec;
import java.security.spec.EdECPublicKeySpec;
import java.security.spec.NamedParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPrivateCrtKeySpec;
import java.security.spec.RSAPrivateKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Key material from PEM blocks, DER and JWK/JWKS documents, as the crypto and JWT builtins read it. */
final class Keys {
    private Keys() {
    }

    /** One PEM block: its type and decoded bytes. */
    record Pem(String type, byte[] der) {
    }

    /** Go's pem.Decode over the whole text: every well-formed block, in order. */
    static List<Pem> pemBlocks(String text) {
        List<Pem> out = new ArrayList<>();
        int pos = 0;
        while (true) {
            int begin = text.indexOf("-----BEGIN ", pos);
            if (begin < 0) {
                return out;
            }
            int typeEnd = text.indexOf("-----", begin + 11);
            if (typeEnd < 0) {
                return out;
            }
            String type = text.substring(begin + 11, typeEnd);
            String endMarker = "-----END " + type + "-----";
            int end = text.indexOf(endMarker, typeEnd + 5);
            if (end < 0) {
                return out;
            }
            String body = text.substring(typeEnd + 5, end);
            StringBuilder b64 = new StringBuilder();
            for (String line : body.split("\n")) {
                String l = line.strip();
                if (l.contains(":")) {
                    continue; // PEM headers (Proc-Type and the like)
                }
                b64.append(l);
            }
            try {
                out.add(new Pem(type, GoBase64.decode(b64.toString(), GoBase64.STD, true)));
            } catch (GoBase64.CorruptInput e) {
                return out;
            }
            pos = end + endMarker.length();
        }
    }

    static X509Certificate certificate(byte[] der) throws GeneralSecurityException {
        return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
    }

    /** A public key from SubjectPublicKeyInfo DER, whatever its algorithm. */
    static PublicKey publicKey(byte[] spki) throws GeneralSecurityException {
        GeneralSecurityException last = null;
        for (String alg : List.of("RSA", "EC", "Ed25519", "Ed448")) {
            try {
                return KeyFactory.getInstance(alg).generatePublic(new X509EncodedKeySpec(spki));
            } catch (GeneralSecurityException e) {
                last = e;
            }
        }
        throw last;
    }

    /** A private key from PKCS#8 DER, whatever its algorithm. */
    static PrivateKey privateKey(byte[] pkcs8) throws GeneralSecurityException {
        GeneralSecurityException last = null;
        for (String alg : List.of("RSA", "EC", "Ed25519", "Ed448")) {
            try {
                return KeyFactory.getInstance(alg).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
            } catch (GeneralSecurityException e) {
                last = e;
            }
        }
        throw last;
    }

    /** Wraps a PKCS#1 RSAPrivateKey in PKCS#8. */
    static byte[] pkcs1ToPkcs8(byte[] pkcs1) {
        return Der.sequence(Der.integer(BigInteger.ZERO),
                Der.sequence(Der.oid("1.2.840.113549.1.1.1"), Der.nul()), Der.octetString(pkcs1));
    }

    /** Wraps a PKCS#1 RSAPublicKey in SubjectPublicKeyInfo. */
    static byte[] pkcs1PublicToSpki(byte[] pkcs1) {
        byte[] bits = new byte[pkcs1.length + 1];
        System.arraycopy(pkcs1, 0, bits, 1, pkcs1.length);
        return Der.sequence(Der.sequence(Der.oid("1.2.840.113549.1.1.1"), Der.nul()), Der.tlv(0x03, bits));
    }

    /** Wraps a SEC 1 ECPrivateKey in PKCS#8, taking the curve from its parameters. */
    static byte[] sec1ToPkcs8(byte[] sec1) throws Der.DerException {
        byte[] curve = null;
        for (Der.Element e : Der.read(sec1).children()) {
            if (e.tag() == 0xA0) {
                curve = e.children().getFirst().raw();
            }
        }
        if (curve == null) {
            throw new Der.DerException("x509: EC private key without curve parameters");
        }
        return Der.sequence(Der.integer(BigInteger.ZERO), Der.sequence(Der.oid("1.2.840.10045.2.1"), curve), Der.octetString(sec1));
    }

    /** Every private key in PEM text (PKCS#1, PKCS#8 or SEC 1 blocks). */
    static List<PrivateKey> privateKeys(String pem) throws GeneralSecurityException, Der.DerException {
        List<PrivateKey> out = new ArrayList<>();
        for (Pem p : pemBlocks(pem)) {
            switch (p.type()) {
                case "RSA PRIVATE KEY" -> out.add(KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pkcs1ToPkcs8(p.der()))));
                case "PRIVATE KEY" -> out.add(privateKey(p.der()));
                case "EC PRIVATE KEY" -> out.add(KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(sec1ToPkcs8(p.der()))));
                default -> {
                }
            }
        }
        return out;
    }

    // JWK

    static byte[] b64url(Value v) throws GeneralSecurityException {
        if (!(v instanceof StringValue s)) {
            throw new GeneralSecurityException("missing key member");
        }
        try {
            return GoBase64.decode(s.value().replace("=", ""), GoBase64.URL, false);
        } catch (GoBase64.CorruptInput e) {
            throw new GeneralSecurityException(e.getMessage());
        }
    }

    static BigInteger b64int(Value v) throws GeneralSecurityException {
        return new BigInteger(1, b64url(v));
    }

    static ECParameterSpec curve(String crv) throws GeneralSecurityException {
        String name = switch (crv) {
            case "P-256" -> "secp256r1";
            case "P-384" -> "secp384r1";
            case "P-521" -> "secp521r1";
            default -> throw new GeneralSecurityException("unsupported curve " + crv);
        };
        AlgorithmParameters p = AlgorithmParameters.getInstance("EC");
        p.init(new ECGenParameterSpec(name));
        return p.getParameterSpec(ECParameterSpec.class);
    }

    /** A key from one JWK: a public key, a private key, or the secret of an {@code oct} key. */
    sealed interface Jwk permits PublicJwk, PrivateJwk, SecretJwk {
        ObjectValue doc();
    }

    record PublicJwk(ObjectValue doc, PublicKey key) implements Jwk {
    }

    record PrivateJwk(ObjectValue doc, PrivateKey key) implements Jwk {
    }

    record SecretJwk(ObjectValue doc, byte[] secret) implements Jwk {
    }

    static Jwk jwk(ObjectValue o) throws GeneralSecurityException {
        String kty = o.get("kty") instanceof StringValue s ? s.value() : "";
        boolean priv = o.get("d") != null;
        switch (kty) {
            case "RSA" -> {
                BigInteger n = b64int(o.get("n"));
                BigInteger e = b64int(o.get("e"));
                KeyFactory kf = KeyFactory.getInstance("RSA");
                if (!priv) {
                    return new PublicJwk(o, kf.generatePublic(new RSAPublicKeySpec(n, e)));
                }
                BigInteger d = b64int(o.get("d"));
                if (o.get("p") != null && o.get("q") != null && o.get("dp") != null && o.get("dq") != null && o.get("qi") != null) {
                    return new PrivateJwk(o, kf.generatePrivate(new RSAPrivateCrtKeySpec(n, e, d, b64int(o.get("p")), b64int(o.get("q")),
                            b64int(o.get("dp")), b64int(o.get("dq")), b64int(o.get("qi")))));
                }
                return new PrivateJwk(o, kf.generatePrivate(new RSAPrivateKeySpec(n, d)));
            }
            case "EC" -> {
                String crv = o.get("crv") instanceof StringValue s ? s.value() : "";
                ECParameterSpec spec = curve(crv);
                KeyFactory kf = KeyFactory.getInstance("EC");
                if (priv) {
                    return new PrivateJwk(o, kf.generatePrivate(new ECPrivateKeySpec(b64int(o.get("d")), spec)));
                }
                return new PublicJwk(o, kf.generatePublic(new ECPublicKeySpec(new ECPoint(b64int(o.get("x")), b64int(o.get("y"))), spec)));
            }
            case "OKP" -> {
                String crv = o.get("crv") instanceof StringValue s ? s.value() : "";
                if (!crv.equals("Ed25519") && !crv.equals("Ed448")) {
                    throw new GeneralSecurityException("unsupported curve " + crv);
                }
                NamedParameterSpec ps = new NamedParameterSpec(crv);
                KeyFactory kf = KeyFactory.getInstance(crv);
                if (priv) {
                    return new PrivateJwk(o, kf.generatePrivate(new EdECPrivateKeySpec(ps, b64url(o.get("d")))));
                }
                byte[] x = b64url(o.get("x"));
                boolean odd = (x[x.length - 1] & 0x80) != 0;
                byte[] y = x.clone();
                y[y.length - 1] &= 0x7F;
                for (int i = 0; i < y.length / 2; i++) {
                    byte t = y[i];
                    y[i] = y[y.length - 1 - i];
                    y[y.length - 1 - i] = t;
                }
                return new PublicJwk(o, kf.generatePublic(new EdECPublicKeySpec(ps, new EdECPoint(odd, new BigInteger(1, y)))));
            }
            case "oct" -> {
                return new SecretJwk(o, b64url(o.get("k")));
            }
            default -> throw new GeneralSecurityException("unsupported kty " + kty);
        }
    }

    /** Keys of a JWK or a JWK set given as JSON text; fails with the messages of OPA's JWK library. */
    static List<Jwk> jwks(String json) throws GeneralSecurityException {
        Value doc;
        try {
            doc = GoJson.parse(json);
        } catch (GoJson.SyntaxError e) {
            throw new GeneralSecurityException("jwk.Parse: failed to unmarshal JWK set: " + e.getMessage());
        }
        if (!(doc instanceof ObjectValue o)) {
            throw new GeneralSecurityException("jwk.Parse: failed to unmarshal JWK set: not an object");
        }
        List<Jwk> out = new ArrayList<>();
        if (o.get("keys") instanceof io.changegate.rego.value.ArrayValue keys) {
            for (Value k : keys.asList()) {
                if (k instanceof ObjectValue ko) {
                    try {
                        out.add(jwk(ko));
                    } catch (GeneralSecurityException | RuntimeException e) {
                        throw new GeneralSecurityException("jwk.Parse: failed to parse key in key set: " + e.getMessage());
                    }
                }
            }
            return out;
        }
        try {
            out.add(jwk(o));
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new GeneralSecurityException("jwk.Parse: failed to unmarshal JWK set: failed to parse sole key in key set");
        }
        return out;
    }

    /** Public keys from a PEM certificate or public key, or else from JWK/JWKS JSON. */
    static List<Object> verificationKeys(String material) throws GeneralSecurityException {
        List<Pem> blocks = pemBlocks(material);
        if (!blocks.isEmpty()) {
            Pem p = blocks.getFirst();
            return switch (p.type()) {
                case "CERTIFICATE" -> List.of(certificate(p.der()).getPublicKey());
                case "PUBLIC KEY" -> List.of(publicKey(p.der()));
                case "RSA PUBLIC KEY" -> List.of(publicKey(pkcs1PublicToSpki(p.der())));
                default -> throw new GeneralSecurityException("failed to extract a Key from the PEM certificate");
            };
        }
        List<Object> out = new ArrayList<>();
        try {
            for (Jwk k : jwks(material)) {
                out.add(k instanceof PublicJwk pk ? pk.key() : k instanceof SecretJwk sk ? sk.secret() : ((PrivateJwk) k).key());
            }
        } catch (GeneralSecurityException e) {
            throw new GeneralSecurityException("failed to parse a JWK key (set): jwk.ParseString: failed to parse string: " + e.getMessage());
        }
        return out;
    }

    static boolean sameBytes(byte[] a, byte[] b) {
        return java.security.MessageDigest.isEqual(a, b);
    }

    static byte[] copy(byte[] b) {
        return Arrays.copyOf(b, b.length);
    }
}
