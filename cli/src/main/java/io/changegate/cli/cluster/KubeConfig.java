package io.changegate.cli.cluster;

import io.changegate.constraints.Fields;
import io.changegate.constraints.yaml.KubeYaml;
import io.changegate.rego.value.BooleanValue;
import io.changegate.rego.value.Value;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Base64;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The parts of a kubeconfig needed to list objects: the current context's server, its CA, and the
 * user's bearer token or client certificate. Exec and auth-provider plugins are not run.
 *
 * @param server the API server's base URL
 * @param token  a bearer token, or null
 * @param tls    the TLS context (CA and client certificate), or null for the JDK's defaults
 */
public record KubeConfig(URI server, String token, SSLContext tls) {

    /**
     * Reads a kubeconfig file; {@code context} null means its {@code current-context}.
     *
     * @throws IllegalArgumentException naming the file and the missing or wrong entry
     */
    public static KubeConfig load(Path file, String context) throws IOException {
        List<KubeYaml.Document> docs = KubeYaml.readFile(file);
        if (docs.isEmpty()) {
            throw new IllegalArgumentException(file + ": empty kubeconfig");
        }
        Value cfg = docs.get(0).value();
        String ctxName = context != null ? context : Fields.string(cfg, "current-context");
        if (ctxName.isEmpty()) {
            throw new IllegalArgumentException(file + ": no current-context; pass --context");
        }
        Value ctx = named(cfg, "contexts", ctxName, "context", file);
        Value cluster = named(cfg, "clusters", Fields.string(ctx, "cluster"), "cluster", file);
        String userName = Fields.string(ctx, "user");
        Value user = userName.isEmpty() ? null : named(cfg, "users", userName, "user", file);
        Path base = file.toAbsolutePath().getParent();
        String server = Fields.string(cluster, "server");
        if (server.isEmpty()) {
            throw new IllegalArgumentException(file + ": cluster " + Fields.string(ctx, "cluster") + " has no server");
        }
        String token = Fields.string(user, "token");
        if (token.isEmpty() && !Fields.string(user, "tokenFile").isEmpty()) {
            token = Files.readString(base.resolve(Fields.string(user, "tokenFile"))).strip();
        }
        if (Fields.at(user, "exec") != null || Fields.at(user, "auth-provider") != null) {
            throw new IllegalArgumentException(file + ": user " + userName
                    + " authenticates through an exec or auth-provider plugin, which changegate does not run;"
                    + " use a token (e.g. a service account's) or a client certificate");
        }
        byte[] ca = bytes(cluster, "certificate-authority", base);
        boolean insecure = Fields.at(cluster, "insecure-skip-tls-verify") == BooleanValue.TRUE;
        byte[] clientCert = bytes(user, "client-certificate", base);
        byte[] clientKey = bytes(user, "client-key", base);
        SSLContext tls = null;
        try {
            if (ca != null || clientCert != null || insecure) {
                tls = sslContext(ca, clientCert, clientKey, insecure);
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(file + ": cannot use the cluster's CA or the user's client certificate: "
                    + e.getMessage());
        }
        return new KubeConfig(URI.create(server.endsWith("/") ? server.substring(0, server.length() - 1) : server),
                token.isEmpty() ? null : token, tls);
    }

    /** The default kubeconfig: {@code $KUBECONFIG} (first entry) or {@code ~/.kube/config}. */
    public static Path defaultPath() {
        String env = System.getenv("KUBECONFIG");
        if (env != null && !env.isBlank()) {
            return Path.of(env.split(java.io.File.pathSeparator)[0]);
        }
        return Path.of(System.getProperty("user.home"), ".kube", "config");
    }

    private static Value named(Value cfg, String list, String name, String field, Path file) {
        for (Value entry : Fields.list(cfg, list)) {
            if (Fields.string(entry, "name").equals(name)) {
                return Fields.at(entry, field);
            }
        }
        throw new IllegalArgumentException(file + ": no entry named \"" + name + "\" in " + list);
    }

    private static byte[] bytes(Value v, String field, Path base) throws IOException {
        String data = Fields.string(v, field + "-data");
        if (!data.isEmpty()) {
            return Base64.getMimeDecoder().decode(data);
        }
        String path = Fields.string(v, field);
        return path.isEmpty() ? null : Files.readAllBytes(base.resolve(path));
    }

    private static SSLContext sslContext(byte[] ca, byte[] cert, byte[] key, boolean insecure)
            throws GeneralSecurityException, IOException {
        CertificateFactory cf = CertificateFactory.getInstance("X.509");
        javax.net.ssl.TrustManager[] trust = null;
        if (insecure) {
            trust = new javax.net.ssl.TrustManager[]{new InsecureTrust()};
        } else if (ca != null) {
            KeyStore ts = KeyStore.getInstance("PKCS12");
            ts.load(null, null);
            int i = 0;
            for (Certificate c : cf.generateCertificates(new ByteArrayInputStream(ca))) {
                ts.setCertificateEntry("ca" + i++, c);
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(ts);
            trust = tmf.getTrustManagers();
        }
        javax.net.ssl.KeyManager[] keys = null;
        if (cert != null && key != null) {
            PrivateKey pk = readKey(key);
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setKeyEntry("client", pk, new char[0],
                    cf.generateCertificates(new ByteArrayInputStream(cert)).toArray(Certificate[]::new));
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, new char[0]);
            keys = kmf.getKeyManagers();
        }
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(keys, trust, null);
        return ctx;
    }

    private static PrivateKey readKey(byte[] pem) throws IOException {
        try (var parser = new org.bouncycastle.openssl.PEMParser(new java.io.StringReader(new String(pem, StandardCharsets.US_ASCII)))) {
            Object o = parser.readObject();
            var converter = new org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter();
            if (o instanceof org.bouncycastle.openssl.PEMKeyPair pair) {
                return converter.getKeyPair(pair).getPrivate();
            }
            if (o instanceof org.bouncycastle.asn1.pkcs.PrivateKeyInfo info) {
                return converter.getPrivateKey(info);
            }
            throw new IOException("the client key is not an unencrypted PEM private key");
        }
    }

    /** insecure-skip-tls-verify: the user asked to trust any server certificate. */
    private static final class InsecureTrust implements javax.net.ssl.X509TrustManager {
        @Override
        public void checkClientTrusted(java.security.cert.X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(java.security.cert.X509Certificate[] chain, String authType) {
        }

        @Override
        public java.security.cert.X509Certificate[] getAcceptedIssuers() {
            return new java.security.cert.X509Certificate[0];
        }
    }
}
