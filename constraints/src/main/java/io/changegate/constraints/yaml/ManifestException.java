package io.changegate.constraints.yaml;

/** A manifest that cannot be read: the message names the file, line and what is wrong. */
public final class ManifestException extends RuntimeException {
    public ManifestException(String message) {
        super(message);
    }
}
