package io.changegate.evidence.envelope;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Finds {@code ../shared/fixtures} beside the checkout; tests that need it are skipped when it is absent. */
public final class SharedFixtures {
    private SharedFixtures() {
    }

    /** The fixtures folder, or skips the calling test with a clear message. */
    public static Path root() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("mvnw"))) {
            dir = dir.getParent();
        }
        Path fixtures = dir == null ? null : dir.resolve("../shared/fixtures").normalize();
        Assumptions.assumeTrue(fixtures != null && Files.isDirectory(fixtures),
                "../shared/fixtures is absent beside the repository: skipping tests that read the shared fixtures");
        return fixtures;
    }

    public static Path file(String relative) {
        return root().resolve(relative);
    }

    public static byte[] bytes(String relative) {
        try {
            return Files.readAllBytes(file(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
