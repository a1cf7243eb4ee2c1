package io.changegate.rego.builtins;

import io.changegate.rego.value.ArrayValue;
import io.changegate.rego.value.BooleanValue;
import io.changegate.rego.value.NullValue;
import io.changegate.rego.value.NumberValue;
import io.changegate.rego.value.ObjectValue;
import io.changegate.rego.value.StringValue;
import io.changegate.rego.value.Value;
import java.math.BigInteger;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.ECPoint;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Certificates, certificate requests and keys as OPA returns them: the JSON encoding of Go's
 * {@code x509.Certificate}, {@code x509.CertificateRequest} and key structs, read from DER.
 */
final class X509Json {
    private X509Json() {
    }

    private static final Map<String, Integer> SIGNATURE_ALGORITHMS = Map.ofEntries(
            Map.entry("1.2.840.113549.1.1.2", 1), Map.entry("1.2.840.113549.1.1.4", 2), Map.entry("1.2.840.113549.1.1.5", 3),
            Map.entry("1.2.840.113549.1.1.11", 4), Map.entry("1.2.840.113549.1.1.12", 5), Map.entry("1.2.840.113549.1.1.13", 6),
            Map.entry("1.2.840.10040.4.3", 7), Map.entry("2.16.840.1.101.3.4.3.2", 8), Map.entry("1.2.840.10045.4.1", 9),
            Map.entry("1.2.840.10045.4.3.2", 10), Map.entry("1.2.840.10045.4.3.3", 11), Map.entry("1.2.840.10045.4.3.4", 12),
            Map.entry("1.3.101.112", 16));
    private static final Map<String, Integer> PSS_HASHES = Map.of(
            "2.16.840.1.101.3.4.2.1", 13, "2.16.840.1.101.3.4.2.2", 14, "2.16.840.1.101.3.4.2.3", 15);
    private static final Map<String, Integer> PUBLIC_KEY_ALGORITHMS = Map.of(
            "1.2.840.113549.1.1.1", 1, "1.2.840.10040.4.1", 2, "1.2.840.10045.2.1", 3, "1.3.101.112", 4);
    private static final Map<String, Integer> EXT_KEY_USAGES = Map.ofEntries(
            Map.entry("2.5.29.37.0", 0), Map.entry("1.3.6.1.5.5.7.3.1", 1), Map.entry("1.3.6.1.5.5.7.3.2", 2),
            Map.entry("1.3.6.1.5.5.7.3.3", 3), Map.entry("1.3.6.1.5.5.7.3.4", 4), Map.entry("1.3.6.1.5.5.7.3.5", 5),
            Map.entry("1.3.6.1.5.5.7.3.6", 6), Map.entry("1.3.6.1.5.5.7.3.7", 7), Map.entry("1.3.6.1.5.5.7.3.8", 8),
            Map.entry("1.3.6.1.5.5.7.3.9", 9), Map.entry("1.3.6.1.4.1.311.10.3.3", 10), Map.entry("2.16.840.1.113730.4.1", 11),
            Map.entry("1.3.6.1.4.1.311.2.1.22", 12), Map.entry("1.3.6.1.4.1.311.61.1.1", 13));
    private static final List<String> HANDLED = List.of("2.5.29.15", "2.5.29.19", "2.5.29.17", "2.5.29.30", "2.5.29.31",
            "2.5.29.35", "2.5.29.14", "2.5.29.37", "2.5.29.32", "2.5.29.54", "2.5.29.36", "2.5.29.33", "1.3.6.1.5.5.7.1.1");

    private static final Value NULL = NullValue.INSTANCE;

    /** What a certificate's SAN, EKU and other extensions say, as Go's parser records them. */
    static final class Parsed {
        final ObjectValue.Builder out = ObjectValue.builder();
        final List<String> dnsNames = new ArrayList<>();
        final List<Integer> extKeyUsages = new ArrayList<>();
        boolean hasExtKeyUsage;
        boolean isCa;
        boolean basicConstraintsValid;
        /** OPA adds the SAN URIs as strings to what crypto.x509.parse_certificates returns (only there). */
        Value uriStrings;
        byte[] rawSubject;
        byte[] rawIssuer;
        long notBefore;
        long notAfter;
        ObjectValue value;
    }

    static String b64(byte[] b) {
        return GoBase64.encode(b, GoBase64.STD, true);
    }

    private static Value bytesOrNull(byte[] b) {
        return b == null ? NULL : StringValue.of(b64(b));
    }

    private static Value strings(List<String> xs) {
        if (xs.isEmpty()) {
            return NULL;
        }
        return StringBuiltins.strings(xs);
    }

    static Value oid(Der.Element e) {
        List<Value> arcs = new ArrayList<>();
        for (long a : e.oid()) {
            arcs.add(NumberValue.of(a));
        }
        return ArrayValue.of(arcs);
    }

    /** Parses a DER certificate into Go's JSON shape. */
    static Parsed certificate(byte[] der) throws Der.DerException {
        Der.Element cert = Der.read(der);
        List<Der.Element> top = cert.children();
        if (top.size() < 3) {
            throw new Der.DerException("x509: malformed certificate");
        }
        Der.Element tbs = top.get(0);
        List<Der.Element> f = tbs.children();
        int i = 0;
        int version = 1;
        if (f.get(0).tag() == 0xA0) {
            version = f.get(0).children().getFirst().integer().intValue() + 1;
            i++;
        }
        Parsed p = new Parsed();
        ObjectValue.Builder o = p.out;
        o.put("Raw", StringValue.of(b64(cert.raw())));
        o.put("RawTBSCertificate", StringValue.of(b64(tbs.raw())));
        o.put("Version", NumberValue.of(version));
        o.put("SerialNumber", NumberValue.of(f.get(i++).integer()));
        i++; // inner signature algorithm
        Der.Element issuer = f.get(i++);
        Der.Element validity = f.get(i++);
        Der.Element subject = f.get(i++);
        Der.Element spki = f.get(i++);
        p.rawIssuer = issuer.raw();
        p.rawSubject = subject.raw();
        o.put("RawIssuer", StringValue.of(b64(issuer.raw())));
        o.put("RawSubject", StringValue.of(b64(subject.raw())));
        o.put("RawSubjectPublicKeyInfo", StringValue.of(b64(spki.raw())));
        o.put("Issuer", name(issuer));
        o.put("Subject", name(subject));
        List<Der.Element> v = validity.children();
        p.notBefore = time(v.get(0));
        p.notAfter = time(v.get(1));
        o.put("NotBefore", StringValue.of(rfc3339(p.notBefore)));
        o.put("NotAfter", StringValue.of(rfc3339(p.notAfter)));
        publicKey(spki, o);
        signature(top.get(1), top.get(2), o);
        List<Der.Element> exts = List.of();
        for (; i < f.size(); i++) {
            if (f.get(i).tag() == 0xA3) {
                exts = f.get(i).children().getFirst().children();
            }
        }
        extensions(exts, p);
        p.value = o.build();
        return p;
    }

    private static void signature(Der.Element algorithm, Der.Element bits, ObjectValue.Builder o) throws Der.DerException {
        List<Der.Element> alg = algorithm.children();
        String oid = alg.getFirst().oidString();
        int code = SIGNATURE_ALGORITHMS.getOrDefault(oid, 0);
        if (oid.equals("1.2.840.113549.1.1.10") && alg.size() > 1) {
            code = 0;
            for (Der.Element param : alg.get(1).children()) {
                if (param.tag() == 0xA0) {
                    String hash = param.children().getFirst().children().getFirst().oidString();
                    code = PSS_HASHES.getOrDefault(hash, 0);
                }
            }
        }
        o.put("SignatureAlgorithm", NumberValue.of(code));
        byte[] sig = bits.content();
        o.put("Signature", StringValue.of(b64(java.util.Arrays.copyOfRange(sig, Math.min(1, sig.length), sig.length))));
    }

    private static void publicKey(Der.Element spki, ObjectValue.Builder o) throws Der.DerException {
        List<Der.Element> parts = spki.children();
        List<Der.Element> alg = parts.get(0).children();
        String oid = alg.getFirst().oidString();
        int code = PUBLIC_KEY_ALGORITHMS.getOrDefault(oid, 0);
        o.put("PublicKeyAlgorithm", NumberValue.of(code));
        byte[] bits = parts.get(1).content();
        byte[] key = java.util.Arrays.copyOfRange(bits, 1, bits.length);
        switch (code) {
            case 1 -> {
                List<Der.Element> rsa = Der.read(key).children();
                o.put("PublicKey", ObjectValue.of("N", NumberValue.of(rsa.get(0).integer()), "E", NumberValue.of(rsa.get(1).integer())));
            }
            case 3 -> {
                int n = (key.length - 1) / 2;
                BigInteger x = new BigInteger(1, java.util.Arrays.copyOfRange(key, 1, 1 + n));
                BigInteger y = new BigInteger(1, java.util.Arrays.copyOfRange(key, 1 + n, key.length));
                o.put("PublicKey", ObjectValue.of("Curve", ObjectValue.EMPTY, "X", NumberValue.of(x), "Y", NumberValue.of(y)));
            }
            case 4 -> o.put("PublicKey", StringValue.of(b64(key)));
            default -> o.put("PublicKey", NULL);
        }
    }

    private static long time(Der.Element e) {
        String s = new String(e.content(), StandardCharsets.US_ASCII);
        String full;
        if (e.tag() == 0x17) {
            int yy = Integer.parseInt(s.substring(0, 2));
            full = (yy >= 50 ? "19" : "20") + s;
        } else {
            full = s;
        }
        LocalDateTime t = LocalDateTime.parse(full.substring(0, 14), DateTimeFormatter.ofPattern("yyyyMMddHHmmss"));
        return t.toEpochSecond(ZoneOffset.UTC);
    }

    static String rfc3339(long epochSecond) {
        return GoTime.format(epochSecond * 1_000_000_000L, ZoneOffset.UTC, GoTime.RFC3339_NANO);
    }

    /** Go's pkix.Name. */
    static Value name(Der.Element rdnSequence) throws Der.DerException {
        Map<String, String> singles = Map.of("2.5.4.3", "CommonName", "2.5.4.5", "SerialNumber");
        Map<String, String> lists = Map.of("2.5.4.6", "Country", "2.5.4.10", "Organization", "2.5.4.11", "OrganizationalUnit",
                "2.5.4.7", "Locality", "2.5.4.8", "Province", "2.5.4.9", "StreetAddress", "2.5.4.17", "PostalCode");
        Map<String, List<String>> collected = new java.util.HashMap<>();
        String cn = "";
        String serial = "";
        List<Value> names = new ArrayList<>();
        for (Der.Element rdn : rdnSequence.children()) {
            for (Der.Element atv : rdn.children()) {
                List<Der.Element> kv = atv.children();
                String oid = kv.get(0).oidString();
                Value value = attributeValue(kv.get(1));
                names.add(ObjectValue.of("Type", oid(kv.get(0)), "Value", value));
                if (!(value instanceof StringValue sv)) {
                    continue;
                }
                if (oid.equals("2.5.4.3")) {
                    cn = sv.value();
                } else if (oid.equals("2.5.4.5")) {
                    serial = sv.value();
                } else if (lists.containsKey(oid)) {
                    collected.computeIfAbsent(lists.get(oid), k -> new ArrayList<>()).add(sv.value());
                }
            }
        }
        ObjectValue.Builder b = ObjectValue.builder();
        for (String field : lists.values()) {
            List<String> xs = collected.get(field);
            b.put(field, xs == null ? NULL : StringBuiltins.strings(xs));
        }
        b.put(singles.get("2.5.4.3"), StringValue.of(cn));
        b.put(singles.get("2.5.4.5"), StringValue.of(serial));
        b.put("Names", names.isEmpty() ? NULL : ArrayValue.of(names));
        b.put("ExtraNames", NULL);
        return b.build();
    }

    private static Value attributeValue(Der.Element e) {
        return switch (e.tag()) {
            case 0x0C, 0x13, 0x16, 0x14, 0x1A, 0x12 -> StringValue.of(new String(e.content(), e.tag() == 0x0C ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1));
            case 0x1E -> StringValue.of(new String(e.content(), StandardCharsets.UTF_16BE));
            case 0x02 -> NumberValue.of(e.integer());
            case 0x01 -> BooleanValue.of(e.content().length > 0 && e.content()[0] != 0);
            default -> StringValue.of(b64(e.content()));
        };
    }

    private static void extensions(List<Der.Element> exts, Parsed p) throws Der.DerException {
        ObjectValue.Builder o = p.out;
        List<Value> all = new ArrayList<>();
        List<String> emails = new ArrayList<>();
        List<String> ips = new ArrayList<>();
        List<Value> uris = new ArrayList<>();
        List<String> uriStrings = new ArrayList<>();
        List<String> ocsp = new ArrayList<>();
        List<String> issuingUrls = new ArrayList<>();
        List<String> crl = new ArrayList<>();
        List<Value> policyIds = new ArrayList<>();
        List<Value> policies = new ArrayList<>();
        List<Value> unknownEku = new ArrayList<>();
        List<Value> unhandled = new ArrayList<>();
        int keyUsage = 0;
        int maxPathLen = 0;
        boolean maxPathLenZero = false;
        byte[] ski = null;
        byte[] aki = null;
        Map<String, List<String>> constraints = new java.util.HashMap<>();
        boolean permittedCritical = false;
        for (Der.Element ext : exts) {
            List<Der.Element> parts = ext.children();
            String id = parts.get(0).oidString();
            boolean critical = parts.size() == 3 && parts.get(1).tag() == 0x01 && parts.get(1).content()[0] != 0;
            Der.Element valueElement = parts.get(parts.size() - 1);
            byte[] value = valueElement.content();
            all.add(ObjectValue.of("Id", oid(parts.get(0)), "Critical", BooleanValue.of(critical), "Value", StringValue.of(b64(value))));
            if (critical && !HANDLED.contains(id)) {
                unhandled.add(oid(parts.get(0)));
            }
            Der.Element v = value.length > 0 ? Der.read(value) : null;
            if (v == null) {
                continue;
            }
            switch (id) {
                case "2.5.29.17" -> generalNames(v, p.dnsNames, emails, ips, uris, uriStrings);
                case "2.5.29.37" -> {
                    p.hasExtKeyUsage = true;
                    for (Der.Element u : v.children()) {
                        Integer code = EXT_KEY_USAGES.get(u.oidString());
                        if (code == null) {
                            unknownEku.add(oid(u));
                        } else {
                            p.extKeyUsages.add(code);
                        }
                    }
                }
                case "2.5.29.15" -> {
                    byte[] bits = v.content();
                    for (int i = 0; i < 9; i++) {
                        int byteIndex = 1 + i / 8;
                        if (byteIndex < bits.length && (bits[byteIndex] & (0x80 >> (i % 8))) != 0) {
                            keyUsage |= 1 << i;
                        }
                    }
                }
                case "2.5.29.19" -> {
                    p.basicConstraintsValid = true;
                    maxPathLen = -1;
                    for (Der.Element c : v.children()) {
                        if (c.tag() == 0x01) {
                            p.isCa = c.content().length > 0 && c.content()[0] != 0;
                        } else if (c.tag() == 0x02) {
                            maxPathLen = c.integer().intValue();
                            maxPathLenZero = maxPathLen == 0;
                        }
                    }
                }
                case "2.5.29.14" -> ski = v.content();
                case "2.5.29.35" -> {
                    for (Der.Element c : v.children()) {
                        if (c.tag() == 0x80) {
                            aki = c.content();
                        }
                    }
                }
                case "1.3.6.1.5.5.7.1.1" -> {
                    for (Der.Element ad : v.children()) {
                        List<Der.Element> adp = ad.children();
                        if (adp.size() == 2 && adp.get(1).tag() == 0x86) {
                            String uri = new String(adp.get(1).content(), StandardCharsets.UTF_8);
                            String method = adp.get(0).oidString();
                            if (method.equals("1.3.6.1.5.5.7.48.1")) {
                                ocsp.add(uri);
                            } else if (method.equals("1.3.6.1.5.5.7.48.2")) {
                                issuingUrls.add(uri);
                            }
                        }
                    }
                }
                case "2.5.29.31" -> {
                    for (Der.Element dp : v.children()) {
                        for (Der.Element field : dp.children()) {
                            if (field.tag() == 0xA0) {
                                for (Der.Element fullName : field.children()) {
                                    if (fullName.tag() == 0xA0) {
                                        for (Der.Element gn : fullName.children()) {
                                            if (gn.tag() == 0x86) {
                                                crl.add(new String(gn.content(), StandardCharsets.UTF_8));
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
                case "2.5.29.32" -> {
                    for (Der.Element policy : v.children()) {
                        Der.Element pid = policy.children().getFirst();
                        policyIds.add(oid(pid));
                        policies.add(StringValue.of(pid.oidString()));
                    }
                }
                case "2.5.29.30" -> {
                    permittedCritical = critical;
                    for (Der.Element subtrees : v.children()) {
                        String prefix = subtrees.tag() == 0xA0 ? "Permitted" : "Excluded";
                        for (Der.Element subtree : subtrees.children()) {
                            Der.Element base = subtree.children().getFirst();
                            String text = new String(base.content(), StandardCharsets.UTF_8);
                            switch (base.tag()) {
                                case 0x82 -> constraints.computeIfAbsent(prefix + "DNSDomains", k -> new ArrayList<>()).add(text);
                                case 0x81 -> constraints.computeIfAbsent(prefix + "EmailAddresses", k -> new ArrayList<>()).add(text);
                                case 0x86 -> constraints.computeIfAbsent(prefix + "URIDomains", k -> new ArrayList<>()).add(text);
                                default -> {
                                }
                            }
                        }
                    }
                }
                default -> {
                }
            }
        }
        o.put("Extensions", all.isEmpty() ? NULL : ArrayValue.of(all));
        o.put("ExtraExtensions", NULL);
        o.put("UnhandledCriticalExtensions", unhandled.isEmpty() ? NULL : ArrayValue.of(unhandled));
        List<Value> eku = new ArrayList<>();
        p.extKeyUsages.forEach(c -> eku.add(NumberValue.of(c)));
        o.put("ExtKeyUsage", eku.isEmpty() ? NULL : ArrayValue.of(eku));
        o.put("UnknownExtKeyUsage", unknownEku.isEmpty() ? NULL : ArrayValue.of(unknownEku));
        o.put("KeyUsage", NumberValue.of(keyUsage));
        o.put("BasicConstraintsValid", BooleanValue.of(p.basicConstraintsValid));
        o.put("IsCA", BooleanValue.of(p.isCa));
        o.put("MaxPathLen", NumberValue.of(maxPathLen));
        o.put("MaxPathLenZero", BooleanValue.of(maxPathLenZero));
        o.put("SubjectKeyId", bytesOrNull(ski));
        o.put("AuthorityKeyId", bytesOrNull(aki));
        o.put("OCSPServer", strings(ocsp));
        o.put("IssuingCertificateURL", strings(issuingUrls));
        o.put("DNSNames", strings(p.dnsNames));
        o.put("EmailAddresses", strings(emails));
        o.put("IPAddresses", strings(ips));
        o.put("URIs", uris.isEmpty() ? NULL : ArrayValue.of(uris));
        p.uriStrings = strings(uriStrings);
        o.put("PermittedDNSDomainsCritical", BooleanValue.of(permittedCritical));
        for (String k : List.of("PermittedDNSDomains", "ExcludedDNSDomains", "PermittedEmailAddresses", "ExcludedEmailAddresses",
                "PermittedURIDomains", "ExcludedURIDomains")) {
            o.put(k, strings(constraints.getOrDefault(k, List.of())));
        }
        o.put("PermittedIPRanges", NULL);
        o.put("ExcludedIPRanges", NULL);
        o.put("CRLDistributionPoints", strings(crl));
        o.put("PolicyIdentifiers", policyIds.isEmpty() ? NULL : ArrayValue.of(policyIds));
        o.put("Policies", policies.isEmpty() ? NULL : ArrayValue.of(policies));
        o.put("PolicyMappings", NULL);
        for (String k : List.of("InhibitAnyPolicy", "InhibitPolicyMapping", "RequireExplicitPolicy")) {
            o.put(k, NumberValue.ZERO);
            o.put(k + "Zero", BooleanValue.FALSE);
        }
    }

    private static void generalNames(Der.Element seq, List<String> dns, List<String> emails, List<String> ips,
                                     List<Value> uris, List<String> uriStrings) throws Der.DerException {
        for (Der.Element gn : seq.children()) {
            byte[] c = gn.content();
            switch (gn.tag()) {
                case 0x82 -> dns.add(new String(c, StandardCharsets.UTF_8));
                case 0x81 -> emails.add(new String(c, StandardCharsets.UTF_8));
                case 0x87 -> ips.add(c.length == 4 || c.length == 16 ? NetBuiltins.format(c) : b64(c));
                case 0x86 -> {
                    String s = new String(c, StandardCharsets.UTF_8);
                    uriStrings.add(s);
                    uris.add(url(s));
                }
                default -> {
                }
            }
        }
    }

    /** Go's url.URL as JSON. */
    static Value url(String s) {
        String scheme = "";
        String opaque = "";
        String host = "";
        String path = "";
        String rawQuery = "";
        String fragment = "";
        try {
            URI u = new URI(s);
            scheme = u.getScheme() == null ? "" : u.getScheme();
            if (u.isOpaque()) {
                opaque = u.getRawSchemeSpecificPart();
            } else {
                host = u.getRawAuthority() == null ? "" : u.getRawAuthority();
                path = u.getPath() == null ? "" : u.getPath();
                rawQuery = u.getRawQuery() == null ? "" : u.getRawQuery();
            }
            fragment = u.getFragment() == null ? "" : u.getFragment();
        } catch (URISyntaxException e) {
            path = s;
        }
        return ObjectValue.builder().put("Scheme", StringValue.of(scheme)).put("Opaque", StringValue.of(opaque))
                .put("User", NULL).put("Host", StringValue.of(host)).put("Path", StringValue.of(path))
                .put("RawPath", StringValue.EMPTY).put("OmitHost", BooleanValue.FALSE).put("ForceQuery", BooleanValue.FALSE)
                .put("RawQuery", StringValue.of(rawQuery)).put("Fragment", StringValue.of(fragment))
                .put("RawFragment", StringValue.EMPTY).build();
    }

    /** Parses a DER certificate request (PKCS #10). */
    static Value certificateRequest(byte[] der) throws Der.DerException {
        Der.Element csr = Der.read(der);
        List<Der.Element> top = csr.children();
        if (top.size() < 3) {
            throw new Der.DerException("asn1: syntax error: sequence truncated");
        }
        Der.Element info = top.get(0);
        List<Der.Element> f = info.children();
        ObjectValue.Builder o = ObjectValue.builder();
        o.put("Raw", StringValue.of(b64(csr.raw())));
        o.put("RawTBSCertificateRequest", StringValue.of(b64(info.raw())));
        o.put("Version", NumberValue.of(f.get(0).integer()));
        o.put("RawSubject", StringValue.of(b64(f.get(1).raw())));
        o.put("Subject", name(f.get(1)));
        o.put("RawSubjectPublicKeyInfo", StringValue.of(b64(f.get(2).raw())));
        publicKey(f.get(2), o);
        signature(top.get(1), top.get(2), o);
        List<Value> attributes = new ArrayList<>();
        List<Value> extensions = new ArrayList<>();
        List<String> dns = new ArrayList<>();
        List<String> emails = new ArrayList<>();
        List<String> ips = new ArrayList<>();
        List<Value> uris = new ArrayList<>();
        List<String> uriStrings = new ArrayList<>();
        if (f.size() > 3 && f.get(3).tag() == 0xA0) {
            for (Der.Element attr : f.get(3).children()) {
                List<Der.Element> av = attr.children();
                List<Value> sets = new ArrayList<>();
                for (Der.Element set : av.get(1).children()) {
                    List<Value> atvs = new ArrayList<>();
                    if (set.tag() == 0x30) {
                        for (Der.Element ext : set.children()) {
                            List<Der.Element> parts = ext.children();
                            if (parts.size() >= 2 && parts.get(0).tag() == 0x06) {
                                atvs.add(ObjectValue.of("Type", oid(parts.get(0)), "Value", StringValue.of(b64(parts.get(parts.size() - 1).content()))));
                            }
                        }
                    }
                    sets.add(ArrayValue.of(atvs));
                    if (av.get(0).oidString().equals("1.2.840.113549.1.9.14") && set.tag() == 0x30) {
                        for (Der.Element ext : set.children()) {
                            List<Der.Element> parts = ext.children();
                            boolean critical = parts.size() == 3 && parts.get(1).content()[0] != 0;
                            byte[] value = parts.get(parts.size() - 1).content();
                            extensions.add(ObjectValue.of("Id", oid(parts.get(0)), "Critical", BooleanValue.of(critical), "Value", StringValue.of(b64(value))));
                            if (parts.get(0).oidString().equals("2.5.29.17")) {
                                generalNames(Der.read(value), dns, emails, ips, uris, uriStrings);
                            }
                        }
                    }
                }
                attributes.add(ObjectValue.of("Type", oid(av.get(0)), "Value", ArrayValue.of(sets)));
            }
        }
        o.put("Attributes", attributes.isEmpty() ? NULL : ArrayValue.of(attributes));
        o.put("Extensions", extensions.isEmpty() ? NULL : ArrayValue.of(extensions));
        o.put("ExtraExtensions", NULL);
        o.put("DNSNames", strings(dns));
        o.put("EmailAddresses", strings(emails));
        o.put("IPAddresses", strings(ips));
        o.put("URIs", uris.isEmpty() ? NULL : ArrayValue.of(uris));
        return o.build();
    }

    /** Go's JSON of an rsa/ecdsa/ed25519 private key struct. */
    static Value privateKey(PrivateKey key) {
        if (key instanceof RSAPrivateCrtKey k) {
            return ObjectValue.of("N", NumberValue.of(k.getModulus()), "E", NumberValue.of(k.getPublicExponent()),
                    "D", NumberValue.of(k.getPrivateExponent()),
                    "Primes", ArrayValue.of(NumberValue.of(k.getPrimeP()), NumberValue.of(k.getPrimeQ())),
                    "Precomputed", ObjectValue.of("Dp", NumberValue.of(k.getPrimeExponentP()), "Dq", NumberValue.of(k.getPrimeExponentQ()),
                            "Qinv", NumberValue.of(k.getCrtCoefficient()), "CRTValues", ArrayValue.EMPTY));
        }
        if (key instanceof RSAPrivateKey k) {
            return ObjectValue.of("N", NumberValue.of(k.getModulus()), "D", NumberValue.of(k.getPrivateExponent()));
        }
        if (key instanceof ECPrivateKey k) {
            ECPoint w = publicPoint(k);
            return ObjectValue.of("Curve", ObjectValue.EMPTY, "D", NumberValue.of(k.getS()),
                    "X", NumberValue.of(w.getAffineX()), "Y", NumberValue.of(w.getAffineY()));
        }
        return StringValue.of(b64(key.getEncoded()));
    }

    /** The public point of an EC private key: d·G, by double-and-add over the curve's prime field. */
    static ECPoint publicPoint(ECPrivateKey k) {
        java.security.spec.ECParameterSpec spec = k.getParams();
        BigInteger p = ((java.security.spec.ECFieldFp) spec.getCurve().getField()).getP();
        BigInteger a = spec.getCurve().getA();
        ECPoint result = ECPoint.POINT_INFINITY;
        ECPoint addend = spec.getGenerator();
        BigInteger d = k.getS();
        for (int i = 0; i < d.bitLength(); i++) {
            if (d.testBit(i)) {
                result = add(result, addend, p, a);
            }
            addend = add(addend, addend, p, a);
        }
        return result;
    }

    private static ECPoint add(ECPoint x, ECPoint y, BigInteger p, BigInteger a) {
        if (x.equals(ECPoint.POINT_INFINITY)) {
            return y;
        }
        if (y.equals(ECPoint.POINT_INFINITY)) {
            return x;
        }
        BigInteger lambda;
        if (x.getAffineX().equals(y.getAffineX())) {
            if (!x.getAffineY().equals(y.getAffineY()) || x.getAffineY().signum() == 0) {
                return ECPoint.POINT_INFINITY;
            }
            lambda = x.getAffineX().pow(2).multiply(BigInteger.valueOf(3)).add(a)
                    .multiply(x.getAffineY().shiftLeft(1).modInverse(p)).mod(p);
        } else {
            lambda = y.getAffineY().subtract(x.getAffineY()).multiply(y.getAffineX().subtract(x.getAffineX()).modInverse(p)).mod(p);
        }
        BigInteger rx = lambda.pow(2).subtract(x.getAffineX()).subtract(y.getAffineX()).mod(p);
        BigInteger ry = lambda.multiply(x.getAffineX().subtract(rx)).subtract(x.getAffineY()).mod(p);
        return new ECPoint(rx, ry);
    }
}
