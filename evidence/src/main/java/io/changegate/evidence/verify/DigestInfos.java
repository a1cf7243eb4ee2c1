package io.changegate.evidence.verify;

import java.util.HexFormat;
import java.util.Locale;

/** PKCS#1 DigestInfo prefixes, so a prehashed RSA signature can be checked with {@code NONEwithRSA}. */
final class DigestInfos {
    private DigestInfos() {
    }

    static byte[] wrap(String algorithm, byte[] digest) {
        String prefix = switch (algorithm.toUpperCase(Locale.ROOT).replace("-", "").replace("_", "")) {
            case "SHA2256", "SHA256" -> "3031300d060960864801650304020105000420";
            case "SHA2384", "SHA384" -> "3041300d060960864801650304020205000430";
            case "SHA2512", "SHA512" -> "3051300d060960864801650304020305000440";
            default -> null;
        };
        if (prefix == null) {
            return null;
        }
        byte[] head = HexFormat.of().parseHex(prefix);
        byte[] out = new byte[head.length + digest.length];
        System.arraycopy(head, 0, out, 0, head.length);
        System.arraycopy(digest, 0, out, head.length, digest.length);
        return out;
    }

    /** The JCA name of a Sigstore protobuf hash algorithm, e.g. {@code SHA2_256} to {@code SHA-256}. */
    static String jcaName(String algorithm) {
        return switch (algorithm.toUpperCase(Locale.ROOT).replace("-", "").replace("_", "")) {
            case "SHA2256", "SHA256" -> "SHA-256";
            case "SHA2384", "SHA384" -> "SHA-384";
            case "SHA2512", "SHA512" -> "SHA-512";
            default -> null;
        };
    }
}
