package io.changegate.gate;

import io.changegate.evidence.store.SubjectDigest;
import java.util.Objects;

/**
 * An artifact a change deploys, by digest, with the name people know it by.
 *
 * @param digest the content digest, e.g. {@code sha256:…}
 * @param name   an image reference or package name; null when not given
 */
public record ArtifactRef(SubjectDigest digest, String name) {
    public ArtifactRef {
        Objects.requireNonNull(digest, "digest");
        name = name == null || name.isBlank() ? null : name.strip();
    }

    /** Parses {@code sha256:…} with an optional name. */
    public static ArtifactRef of(String digest, String name) {
        return new ArtifactRef(SubjectDigest.parse(digest), name);
    }
}
