package io.changegate.evidence.model;

import java.util.Map;

/** An in-toto subject: a named artifact and its digests, e.g. {@code {"sha256": "…"}}. */
public record Subject(String name, Map<String, String> digest) {
    public Subject {
        digest = Map.copyOf(digest);
    }
}
