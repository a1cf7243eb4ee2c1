package io.changegate.evidence.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** The exploitability status a VEX statement gives a vulnerability in a product, as OpenVEX names it. */
public enum VexStatus {
    NOT_AFFECTED, AFFECTED, FIXED, UNDER_INVESTIGATION;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses an OpenVEX status; null when the text is not one. */
    @JsonCreator
    public static VexStatus fromText(String text) {
        if (text == null) {
            return null;
        }
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "not_affected" -> NOT_AFFECTED;
            case "affected" -> AFFECTED;
            case "fixed" -> FIXED;
            case "under_investigation" -> UNDER_INVESTIGATION;
            default -> null;
        };
    }

    /** Whether a vulnerability with this status still needs action: not resolved as not affected or fixed. */
    public boolean isOpen() {
        return this == AFFECTED || this == UNDER_INVESTIGATION;
    }
}
