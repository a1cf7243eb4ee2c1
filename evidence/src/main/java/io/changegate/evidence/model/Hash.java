package io.changegate.evidence.model;

import java.util.Locale;

/**
 * A content digest.
 *
 * @param algorithm normalised upper case with a dash, e.g. {@code SHA-256}, {@code SHA-1}, {@code MD5}
 * @param value     the digest in lower-case hex (or as given, when not hex)
 */
public record Hash(String algorithm, String value) {
    /** Normalises the spellings tools use: {@code sha256}, {@code SHA256}, {@code SHA-256}. */
    public static Hash of(String algorithm, String value) {
        String alg = algorithm.trim().toUpperCase(Locale.ROOT).replace('_', '-');
        if (alg.matches("SHA\\d+")) {
            alg = "SHA-" + alg.substring(3);
        } else if (alg.matches("SHA3\\d+")) {
            alg = "SHA3-" + alg.substring(4);
        }
        String v = value.trim();
        return new Hash(alg, v.matches("[0-9A-Fa-f]+") ? v.toLowerCase(Locale.ROOT) : v);
    }
}
