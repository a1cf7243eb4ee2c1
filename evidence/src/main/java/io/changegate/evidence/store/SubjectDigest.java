package io.changegate.evidence.store;

import java.util.Map;

/**
 * The digest that identifies an artifact, written {@code <algorithm>:<lower-case hex>} as in OCI and in-toto.
 */
public record SubjectDigest(String algorithm, String hex) {
    private static final Map<String, Integer> HEX_LENGTHS = Map.of("sha256", 64, "sha384", 96, "sha512", 128);

    public SubjectDigest {
        Integer length = HEX_LENGTHS.get(algorithm);
        if (length == null) {
            throw new IllegalArgumentException("unsupported digest algorithm '" + algorithm
                    + "': expected sha256, sha384 or sha512");
        }
        if (hex.length() != length || !hex.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
            throw new IllegalArgumentException("a " + algorithm + " digest must be " + length
                    + " lower-case hex characters");
        }
    }

    /** Parses {@code sha256:<64 hex>} (or sha384, sha512), with a message saying what is wrong. */
    public static SubjectDigest parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("a subject digest is required, e.g. sha256:<64 hex characters>");
        }
        int colon = text.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("'" + abbreviate(text)
                    + "' is not a digest: expected <algorithm>:<hex>, e.g. sha256:<64 hex characters>");
        }
        try {
            return new SubjectDigest(text.substring(0, colon), text.substring(colon + 1));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + abbreviate(text) + "' is not a valid digest: " + e.getMessage());
        }
    }

    private static String abbreviate(String text) {
        return text.length() > 80 ? text.substring(0, 77) + "..." : text;
    }

    @Override
    public String toString() {
        return algorithm + ":" + hex;
    }
}
