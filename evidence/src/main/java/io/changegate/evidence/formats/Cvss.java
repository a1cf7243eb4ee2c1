package io.changegate.evidence.formats;

/** A CVSS base score with its vector and version, as one scanner states it. */
record Cvss(Double score, String vector, String version) {
    /** Version as a number for choosing the newest; unknown versions rank lowest. */
    double rank() {
        if (version == null) {
            return 0;
        }
        try {
            return Double.parseDouble(version);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** The version a vector declares ("CVSS:3.1/…"), or v2 for a bare vector. */
    static String versionOf(String vector) {
        if (vector == null) {
            return null;
        }
        if (vector.startsWith("CVSS:")) {
            int slash = vector.indexOf('/');
            return slash > 5 ? vector.substring(5, slash) : null;
        }
        return "2.0";
    }
}
