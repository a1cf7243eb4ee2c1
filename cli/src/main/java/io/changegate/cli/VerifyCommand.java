package io.changegate.cli;

import io.changegate.constraints.verify.SuiteRunner;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code changegate verify DIR…}: runs Gatekeeper {@code gator verify} suites through the same
 * review path as the admission webhook, one line per failing case, closing with
 * {@code N passed, N failed}. Exit 0 when every case passes (or, with {@code --baseline}, when
 * every baselined case still passes), 1 otherwise.
 */
@Command(name = "verify", sortOptions = false,
        description = {"Run Gatekeeper gator verify suites (suite.yaml) against their templates and constraints.",
                "Closes with \"N passed, N failed\"; exits 1 when a case fails."})
final class VerifyCommand extends CliCommand {
    @Parameters(paramLabel = "DIR", arity = "1..*", description = "Directories searched for suite.yaml, or suite files.")
    List<Path> paths = new ArrayList<>();

    @Option(names = {"-v", "--verbose"}, description = "Print every case, not only failures.")
    boolean verbose;

    @Option(names = "--baseline", paramLabel = "FILE",
            description = "Ratchet: the ids of cases that must pass; only their failures fail the run.")
    Path baseline;

    @Option(names = "--update-baseline", description = "Add newly passing cases to the --baseline file.")
    boolean updateBaseline;

    @Override
    protected int execute() throws Exception {
        List<Path> suites = SuiteRunner.findSuites(paths);
        if (suites.isEmpty()) {
            throw new CliException("changegate verify: no suite.yaml found under " + paths, 1);
        }
        Baseline ratchet = baseline == null ? null : Baseline.read(baseline);
        int passed = 0;
        int failed = 0;
        int regressions = 0;
        Set<String> passing = new LinkedHashSet<>();
        for (Path suite : suites) {
            for (SuiteRunner.CaseResult r : SuiteRunner.run(suite, name(suite))) {
                if (r.passed()) {
                    passed++;
                    passing.add(r.id());
                    if (verbose) {
                        out().println("PASS " + r.id());
                    }
                } else {
                    failed++;
                    boolean regression = ratchet != null && ratchet.contains(r.id());
                    regressions += regression ? 1 : 0;
                    out().println((regression ? "REGRESSION " : "FAIL ") + r.id() + ": " + r.reason());
                }
            }
        }
        if (ratchet != null && updateBaseline) {
            int added = ratchet.addAll(passing);
            if (added > 0) {
                out().println("baseline " + baseline + ": " + added + " newly passing cases added");
            }
        }
        out().println(passed + " passed, " + failed + " failed");
        if (ratchet != null) {
            return regressions == 0 ? 0 : 1;
        }
        return failed == 0 ? 0 : 1;
    }

    private String name(Path suite) {
        Path abs = suite.toAbsolutePath().normalize();
        for (Path root : paths) {
            Path r = root.toAbsolutePath().normalize();
            if (abs.startsWith(r) && !abs.equals(r)) {
                return r.getFileName() + "/" + r.relativize(abs);
            }
        }
        return suite.toString();
    }

    /** The ratchet file: one passing case id per line; {@code #} comments. */
    private record Baseline(Path file, Set<String> ids) {
        static Baseline read(Path file) throws java.io.IOException {
            Set<String> ids = new LinkedHashSet<>();
            if (java.nio.file.Files.exists(file)) {
                for (String line : java.nio.file.Files.readAllLines(file)) {
                    String id = line.strip();
                    if (!id.isEmpty() && !id.startsWith("#")) {
                        ids.add(id);
                    }
                }
            }
            return new Baseline(file, ids);
        }

        boolean contains(String id) {
            return ids.contains(id);
        }

        int addAll(Set<String> passing) throws java.io.IOException {
            Set<String> merged = new java.util.TreeSet<>(ids);
            int before = merged.size();
            merged.addAll(passing);
            if (merged.size() != before) {
                java.nio.file.Files.write(file, merged);
            }
            return merged.size() - before;
        }
    }
}
