package io.changegate.evidence.envelope;

import java.util.Arrays;

/**
 * One signature of a DSSE envelope.
 *
 * @param keyid          the signer's key hint, possibly empty; never trusted, only reported
 * @param sig            the raw signature bytes
 * @param certificatePem a PEM certificate embedded beside the signature (slsa-github-generator v1
 *                       writes the Fulcio certificate there), or {@code null}
 */
public record DsseSignature(String keyid, byte[] sig, String certificatePem) {
    public DsseSignature {
        keyid = keyid == null ? "" : keyid;
        sig = sig.clone();
    }

    @Override
    public byte[] sig() {
        return sig.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DsseSignature other && keyid.equals(other.keyid) && Arrays.equals(sig, other.sig)
                && java.util.Objects.equals(certificatePem, other.certificatePem);
    }

    @Override
    public int hashCode() {
        return keyid.hashCode() * 31 + Arrays.hashCode(sig);
    }

    @Override
    public String toString() {
        return "DsseSignature[keyid=" + keyid + ", " + sig.length + " bytes"
                + (certificatePem == null ? "" : ", with certificate") + "]";
    }
}
