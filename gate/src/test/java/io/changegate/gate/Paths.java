package io.changegate.gate;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the repository and the shared fixtures are, seen from a module's tests. */
final class Paths {
    private Paths() {
    }

    static Path repoRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("mvnw"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("cannot find the repository root (a directory with mvnw) above " + Path.of("").toAbsolutePath());
        }
        return dir;
    }

    /** The shared fixtures, or a skipped test saying they are absent. */
    static Path fixtures() {
        Path shared = repoRoot().resolve("../shared/fixtures").normalize();
        assumeTrue(Files.isDirectory(shared), "shared fixtures not found at " + shared + "; skipping (see the team brief)");
        return shared;
    }
}
