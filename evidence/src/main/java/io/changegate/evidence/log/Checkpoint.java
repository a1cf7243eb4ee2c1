package io.changegate.evidence.log;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * A tree head in the C2SP tlog-checkpoint text form: origin, size and root hash, one per line.
 *
 * @param origin     the log's unique name, conventionally a schema-less URL
 * @param size       the number of leaves
 * @param rootHash   the RFC 6962 root hash of those leaves
 * @param extensions optional further lines, kept verbatim
 */
public record Checkpoint(String origin, long size, byte[] rootHash, List<String> extensions) {
    public Checkpoint {
        if (origin.isEmpty() || origin.contains("\n")) {
            throw new IllegalArgumentException("a checkpoint origin must be one non-empty line");
        }
        if (size < 0) {
            throw new IllegalArgumentException("a checkpoint size must not be negative");
        }
        if (rootHash.length != TreeHashes.HASH_LENGTH) {
            throw new IllegalArgumentException("a checkpoint root hash must be 32 bytes");
        }
        rootHash = rootHash.clone();
        extensions = List.copyOf(extensions);
    }

    /** A checkpoint without extension lines. */
    public Checkpoint(String origin, long size, byte[] rootHash) {
        this(origin, size, rootHash, List.of());
    }

    @Override
    public byte[] rootHash() {
        return rootHash.clone();
    }

    /** The note text that is signed: every line ends with a newline. */
    public String text() {
        StringBuilder text = new StringBuilder()
                .append(origin).append('\n')
                .append(size).append('\n')
                .append(Base64.getEncoder().encodeToString(rootHash)).append('\n');
        for (String extension : extensions) {
            text.append(extension).append('\n');
        }
        return text.toString();
    }

    /** Parses checkpoint text (the body of a signed note), naming the line that is wrong. */
    public static Checkpoint parse(String text) {
        if (!text.endsWith("\n")) {
            throw new IllegalArgumentException("checkpoint: the text must end with a newline");
        }
        String[] lines = text.substring(0, text.length() - 1).split("\n", -1);
        if (lines.length < 3) {
            throw new IllegalArgumentException("checkpoint: expected origin, size and root hash lines, found "
                    + lines.length + " line(s)");
        }
        if (lines[0].isEmpty()) {
            throw new IllegalArgumentException("checkpoint line 1: the origin is empty");
        }
        long size;
        try {
            if (!lines[1].matches("0|[1-9][0-9]*")) {
                throw new NumberFormatException();
            }
            size = Long.parseLong(lines[1]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("checkpoint line 2: expected a tree size in decimal, found '"
                    + lines[1] + "'");
        }
        byte[] root;
        try {
            root = Base64.getDecoder().decode(lines[2]);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("checkpoint line 3: the root hash is not base64");
        }
        if (root.length != TreeHashes.HASH_LENGTH) {
            throw new IllegalArgumentException("checkpoint line 3: expected a 32-byte root hash, found "
                    + root.length + " bytes");
        }
        List<String> extensions = new ArrayList<>();
        for (int i = 3; i < lines.length; i++) {
            if (lines[i].isEmpty()) {
                throw new IllegalArgumentException("checkpoint line " + (i + 1) + ": empty extension line");
            }
            extensions.add(lines[i]);
        }
        return new Checkpoint(lines[0], size, root, extensions);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Checkpoint that && text().equals(that.text());
    }

    @Override
    public int hashCode() {
        return text().hashCode();
    }

    @Override
    public String toString() {
        return "Checkpoint[" + text().replace("\n", " | ") + "]";
    }
}
