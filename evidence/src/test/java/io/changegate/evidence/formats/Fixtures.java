package io.changegate.evidence.formats;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the shared fixture set ({@code ../shared/fixtures} beside the checkout) and reads from it. */
final class Fixtures {
    private static final EvidenceReaders READERS = EvidenceReaders.standard();

    private Fixtures() {
    }

    /** The fixtures folder, or null when the shared data is not checked out beside the repository. */
    static Path rootOrNull() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("mvnw"))) {
            dir = dir.getParent();
        }
        if (dir == null || dir.getParent() == null) {
            return null;
        }
        Path fixtures = dir.getParent().resolve("shared").resolve("fixtures");
        return Files.isDirectory(fixtures) ? fixtures : null;
    }

    /** The fixtures folder; skips the calling test when it is absent. */
    static Path root() {
        Path root = rootOrNull();
        Assumptions.assumeTrue(root != null, "../shared/fixtures is absent beside the checkout: fixture tests skipped");
        return root;
    }

    static byte[] bytes(String relative) {
        try {
            return Files.readAllBytes(root().resolve(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ParsedEvidence read(String relative) throws EvidenceFormatException {
        return READERS.read(relative, bytes(relative));
    }

    static JsonNode predicate(String relative) throws EvidenceFormatException {
        return read(relative).predicate();
    }
}
