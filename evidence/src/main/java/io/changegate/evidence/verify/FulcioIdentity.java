package io.changegate.evidence.verify;

import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1String;

import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;

/**
 * The identity a Fulcio certificate vouches for: its subject alternative name and the OIDC issuer
 * that authenticated it.
 *
 * @param subject the SAN: a URI (workflows, SPIFFE), an email address or another name; empty if none
 * @param issuer  the OIDC issuer from extension 1.3.6.1.4.1.57264.1.8 (or the older .1.1); empty if none
 */
record FulcioIdentity(String subject, String issuer) {
    static final String ISSUER_V2 = "1.3.6.1.4.1.57264.1.8";
    static final String ISSUER_V1 = "1.3.6.1.4.1.57264.1.1";

    static FulcioIdentity of(X509Certificate certificate) {
        return new FulcioIdentity(subjectOf(certificate), issuerOf(certificate));
    }

    private static String subjectOf(X509Certificate certificate) {
        try {
            Collection<List<?>> names = certificate.getSubjectAlternativeNames();
            if (names == null) {
                return "";
            }
            // Prefer a URI (GitHub workflow, SPIFFE id), then an email address, then any other name.
            for (int wanted : new int[]{6, 1, 0, 2}) {
                for (List<?> name : names) {
                    if (((Integer) name.get(0)) == wanted && name.get(1) instanceof String text) {
                        return text;
                    }
                    if (((Integer) name.get(0)) == wanted && wanted == 0 && name.get(1) instanceof byte[] der) {
                        String other = otherName(der);
                        if (other != null) {
                            return other;
                        }
                    }
                }
            }
            return "";
        } catch (CertificateParsingException e) {
            return "";
        }
    }

    private static String otherName(byte[] der) {
        try {
            var sequence = org.bouncycastle.asn1.ASN1Sequence.getInstance(der);
            var value = org.bouncycastle.asn1.ASN1TaggedObject.getInstance(sequence.getObjectAt(1)).getBaseObject();
            return value instanceof ASN1String s ? s.getString() : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static String issuerOf(X509Certificate certificate) {
        byte[] v2 = certificate.getExtensionValue(ISSUER_V2);
        if (v2 != null) {
            try {
                ASN1Primitive inner = ASN1Primitive.fromByteArray(ASN1OctetString.getInstance(v2).getOctets());
                if (inner instanceof ASN1String s) {
                    return s.getString();
                }
            } catch (java.io.IOException | RuntimeException e) {
                // fall back to the older extension below
            }
        }
        byte[] v1 = certificate.getExtensionValue(ISSUER_V1);
        if (v1 != null) {
            // The deprecated extension holds the issuer URL as raw bytes, not as a DER string.
            return new String(ASN1OctetString.getInstance(v1).getOctets(), StandardCharsets.UTF_8);
        }
        return "";
    }

    @Override
    public String toString() {
        return subject + (issuer.isEmpty() ? "" : " (issuer " + issuer + ")");
    }
}
