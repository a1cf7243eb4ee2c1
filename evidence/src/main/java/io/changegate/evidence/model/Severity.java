package io.changegate.evidence.model;

import java.util.Locale;

/** A vulnerability or finding severity, normalised across tools. */
public enum Severity {
    CRITICAL, HIGH, MEDIUM, LOW, UNKNOWN;

    /** Maps a tool's severity word (any case) to a severity; unrecognised words are {@link #UNKNOWN}. */
    public static Severity fromText(String text) {
        if (text == null) {
            return UNKNOWN;
        }
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "critical" -> CRITICAL;
            case "high", "important", "error" -> HIGH;
            case "medium", "moderate" -> MEDIUM;
            case "low", "negligible", "info", "informational", "none", "minor" -> LOW;
            default -> UNKNOWN;
        };
    }

    /** The CVSS v3/v4 qualitative rating of a base score; null or out-of-range scores are {@link #UNKNOWN}. */
    public static Severity fromCvssScore(Double score) {
        if (score == null || score < 0 || score > 10) {
            return UNKNOWN;
        }
        if (score >= 9.0) {
            return CRITICAL;
        }
        if (score >= 7.0) {
            return HIGH;
        }
        if (score >= 4.0) {
            return MEDIUM;
        }
        return LOW;
    }
}
