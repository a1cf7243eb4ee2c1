package io.changegate.gate;

import java.util.Locale;

/** The gate's answer. */
public enum Result {
    ALLOW, WARN, DENY;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Result parse(String text) {
        return valueOf(text.toUpperCase(Locale.ROOT));
    }
}
