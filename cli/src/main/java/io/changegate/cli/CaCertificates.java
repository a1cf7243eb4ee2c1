package io.changegate.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * {@code --cacert PEM}: trust for a Changegate server whose certificate the system does not trust,
 * such as the self-signed one {@code changegate serve} keeps in {@code .changegate/tls/tls.crt}.
 */
public final class CaCertificates {
    private CaCertificates() {
    }

    /** A TLS client context trusting exactly the certificates in {@code pem}. */
    public static SSLContext trusting(Path pem) throws CliException {
        try (InputStream in = Files.newInputStream(pem)) {
            Collection<? extends Certificate> certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
            if (certificates.isEmpty()) {
                throw new CliException("error: --cacert " + pem + ": no certificate found (expected -----BEGIN CERTIFICATE-----)", 2);
            }
            KeyStore trusted = KeyStore.getInstance("PKCS12");
            trusted.load(null, null);
            int i = 0;
            for (Certificate certificate : certificates) {
                trusted.setCertificateEntry("ca-" + i++, certificate);
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trusted);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, factory.getTrustManagers(), null);
            return context;
        } catch (IOException e) {
            throw new CliException("error: --cacert " + pem + ": " + CliCommand.describe(e), 2);
        } catch (GeneralSecurityException e) {
            throw new CliException("error: --cacert " + pem + ": not a PEM certificate: " + e.getMessage(), 2);
        }
    }
}
