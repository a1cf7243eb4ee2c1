package io.changegate.constraints.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every case of the Gatekeeper library's gator suites passes (when ../shared is beside the checkout). */
class LibrarySuitesTest {
    static Path library() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("mvnw"))) {
            dir = dir.getParent();
        }
        Path lib = dir == null ? null : dir.resolve("../shared/conformance/gatekeeper-library/library").normalize();
        assumeTrue(lib != null && Files.isDirectory(lib),
                "../shared/conformance/gatekeeper-library is absent beside the checkout: library suites skipped");
        return lib;
    }

    @Test
    void everyLibraryCasePasses() throws Exception {
        List<Path> suites = SuiteRunner.findSuites(List.of(library()));
        assertThat(suites).hasSizeGreaterThanOrEqualTo(45);
        List<SuiteRunner.CaseResult> failures = suites.stream()
                .flatMap(s -> SuiteRunner.run(s, s.toString()).stream()).filter(r -> !r.passed()).toList();
        assertThat(failures).isEmpty();
    }
}
