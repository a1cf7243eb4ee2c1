package io.changegate.cli;

import io.changegate.rego.conformance.CaseFiles;
import io.changegate.rego.conformance.CaseResult;
import io.changegate.rego.conformance.ConformanceCase;
import io.changegate.rego.conformance.ConformanceRunner;
import io.changegate.rego.conformance.SkipList;
import io.changegate.rego.conformance.YamlException;
import io.changegate.rego.value.ArrayValue;
import io.changegate.rego.value.Json;
import io.changegate.rego.value.NumberValue;
import io.changegate.rego.value.ObjectValue;
import io.changegate.rego.value.StringValue;
import io.changegate.rego.value.Value;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code changegate conformance}: runs YAML case files in OPA's conformance format, with an
 * optional ratchet against a baseline of cases known to pass.
 */
@Command(name = "conformance", sortOptions = false,
        description = {"Run YAML conformance cases in OPA's format (cases: note, query, modules, want_result, ...).",
                "Prints a line per file and closes with 'N passed, N failed, N skipped'.",
                "Exit code: with --baseline, 1 only when a case listed in the baseline no longer passes;"
                        + " without it, 1 when any case fails."})
final class ConformanceCommand extends CliCommand {
    private static final String BASELINE_HEADER = """
            # Conformance cases that pass (case ids: file#index note), one per line, sorted.
            # A run with --baseline fails when one of them no longer passes; --update-baseline adds new passes.
            """;

    @Parameters(paramLabel = "DIR", arity = "1..*", description = "Case files or directories searched for .yaml files.")
    List<Path> dirs;

    @Option(names = "--report", paramLabel = "FILE", description = "Write every case's result as JSON.")
    Path report;

    @Option(names = {"-v", "--verbose"}, description = "Print each failure with what was expected and what came.")
    boolean verbose;

    @Option(names = "--baseline", paramLabel = "FILE", description = "Ids of cases that must keep passing.")
    Path baseline;

    @Option(names = "--update-baseline", description = "Add newly passing cases to the --baseline file.")
    boolean updateBaseline;

    @Option(names = "--skip-list", paramLabel = "FILE",
            description = "Cases that cannot pass here: '<case id or file><TAB><reason>' per line.")
    Path skipList;

    @Option(names = "--match", paramLabel = "TEXT", description = "Run only cases whose id contains TEXT.")
    String match;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "20",
            description = "Time limit per case (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Override
    protected int execute() throws Exception {
        if (updateBaseline && baseline == null) {
            throw new CliException("changegate conformance: --update-baseline needs --baseline FILE", 2);
        }
        SkipList skips;
        try {
            skips = skipList == null ? SkipList.EMPTY : SkipList.read(skipList);
        } catch (YamlException e) {
            throw new CliException("changegate conformance: " + e.getMessage());
        }
        Set<String> known = baseline == null ? Set.of() : readBaseline(baseline);

        List<CaseResult> all = new ArrayList<>();
        List<String> loadErrors = new ArrayList<>();
        long passed = 0;
        long failed = 0;
        long skipped = 0;
        try (ConformanceRunner runner = new ConformanceRunner(skips, Duration.ofSeconds(timeoutSeconds))) {
            for (Path dir : dirs) {
                if (!Files.exists(dir)) {
                    throw new CliException("changegate conformance: no such file or directory: " + dir);
                }
                for (Path file : CaseFiles.find(dir)) {
                    ConformanceRunner.FileResult f = match == null ? runner.runFile(dir, file) : runMatching(runner, dir, file);
                    if (f == null) {
                        continue;
                    }
                    if (f.loadError() != null) {
                        loadErrors.add(f.loadError());
                        failed++;
                        out().println("ERROR " + f.loadError());
                        continue;
                    }
                    long p = f.count(CaseResult.Status.PASSED);
                    long fl = f.count(CaseResult.Status.FAILED);
                    long s = f.count(CaseResult.Status.SKIPPED);
                    passed += p;
                    failed += fl;
                    skipped += s;
                    all.addAll(f.cases());
                    out().println((fl == 0 ? (p == 0 && s > 0 ? "SKIP " : "PASS ") : "FAIL ") + f.file() + " "
                            + p + "/" + (p + fl) + (s > 0 ? " (" + s + " skipped)" : ""));
                    if (verbose) {
                        for (CaseResult c : f.cases()) {
                            if (c.status() == CaseResult.Status.FAILED) {
                                printFailure(c);
                            }
                        }
                    }
                }
            }
        }
        if (report != null) {
            writeReport(all, loadErrors, passed, failed, skipped);
        }

        int exit = failed > 0 ? 1 : 0;
        if (baseline != null) {
            exit = ratchet(known, all, loadErrors);
        }
        out().println(passed + " passed, " + failed + " failed, " + skipped + " skipped");
        return exit;
    }

    private ConformanceRunner.FileResult runMatching(ConformanceRunner runner, Path dir, Path file) throws IOException {
        String name = CaseFiles.relativeName(dir, file);
        List<ConformanceCase> cases;
        try {
            cases = CaseFiles.read(file, name);
        } catch (YamlException e) {
            return new ConformanceRunner.FileResult(name, List.of(), e.getMessage());
        }
        List<CaseResult> results = new ArrayList<>();
        for (ConformanceCase c : cases) {
            if (c.id().contains(match)) {
                results.add(runner.run(c));
            }
        }
        return results.isEmpty() ? null : new ConformanceRunner.FileResult(name, results, null);
    }

    private void printFailure(CaseResult c) {
        out().println("  FAIL " + c.id());
        printDetail(c);
    }

    private void printDetail(CaseResult c) {
        out().println("    " + c.message().replace("\n", "\n    "));
        if (c.expected() != null) {
            out().println("    expected: " + c.expected().replace("\n", "\n    "));
        }
        if (c.actual() != null) {
            out().println("    actual:   " + c.actual().replace("\n", "\n    "));
        }
    }

    /**
     * Compares with the baseline: a listed case that failed is a regression (exit 1). New passes
     * are added when asked; listed cases are never removed, so a regression cannot be recorded away.
     */
    private int ratchet(Set<String> known, List<CaseResult> all, List<String> loadErrors) throws IOException {
        Set<String> nowPassing = new TreeSet<>();
        List<CaseResult> regressions = new ArrayList<>();
        Set<String> seen = new TreeSet<>();
        for (CaseResult c : all) {
            seen.add(c.id());
            if (c.status() == CaseResult.Status.PASSED) {
                nowPassing.add(c.id());
            } else if (c.status() == CaseResult.Status.FAILED && known.contains(c.id())) {
                regressions.add(c);
            }
        }
        Set<String> added = new TreeSet<>(nowPassing);
        added.removeAll(known);
        long missing = match == null && loadErrors.isEmpty() ? known.stream().filter(id -> !seen.contains(id)).count() : 0;

        for (CaseResult c : regressions) {
            out().println("REGRESSION " + c.id());
            printDetail(c);
        }
        if (!loadErrors.isEmpty() && !known.isEmpty()) {
            out().println("REGRESSION " + loadErrors.size() + " case file(s) could not be read");
        }
        String summary = "baseline " + baseline + ": " + known.size() + " listed, " + regressions.size()
                + " regressed, " + added.size() + " newly passing";
        if (missing > 0) {
            summary += ", " + missing + " listed cases not found (renamed or removed?)";
        }
        out().println(summary);
        if (updateBaseline && !added.isEmpty()) {
            Set<String> merged = new TreeSet<>(known);
            merged.addAll(added);
            writeBaseline(baseline, merged);
            out().println("baseline " + baseline + " updated: " + added.size() + " case(s) added");
        } else if (!added.isEmpty()) {
            out().println("run with --update-baseline to add the newly passing cases");
        }
        boolean failed = !regressions.isEmpty() || (!loadErrors.isEmpty() && !known.isEmpty());
        return failed ? 1 : 0;
    }

    static Set<String> readBaseline(Path file) throws IOException {
        Set<String> ids = new TreeSet<>();
        if (!Files.exists(file)) {
            return ids;
        }
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (!line.isBlank() && !line.startsWith("#")) {
                ids.add(line.strip());
            }
        }
        return ids;
    }

    static void writeBaseline(Path file, Set<String> ids) throws IOException {
        StringBuilder sb = new StringBuilder(BASELINE_HEADER);
        for (String id : ids) {
            sb.append(id).append('\n');
        }
        if (file.toAbsolutePath().getParent() != null) {
            Files.createDirectories(file.toAbsolutePath().getParent());
        }
        Files.writeString(file, sb.toString(), StandardCharsets.UTF_8);
    }

    private void writeReport(List<CaseResult> all, List<String> loadErrors, long passed, long failed, long skipped)
            throws IOException {
        List<Value> cases = new ArrayList<>(all.size());
        for (CaseResult c : all) {
            ObjectValue.Builder b = ObjectValue.builder()
                    .put("id", StringValue.of(c.id()))
                    .put("status", StringValue.of(c.status().label()));
            if (!c.message().isEmpty()) {
                b.put(c.status() == CaseResult.Status.SKIPPED ? "reason" : "message", StringValue.of(c.message()));
            }
            if (c.expected() != null) {
                b.put("expected", StringValue.of(c.expected()));
            }
            if (c.actual() != null) {
                b.put("actual", StringValue.of(c.actual()));
            }
            cases.add(b.build());
        }
        ObjectValue doc = ObjectValue.builder()
                .put("passed", NumberValue.of(passed))
                .put("failed", NumberValue.of(failed))
                .put("skipped", NumberValue.of(skipped))
                .put("cases", ArrayValue.of(cases))
                .put("file_errors", ArrayValue.of(loadErrors.stream().map(s -> (Value) StringValue.of(s)).toList()))
                .build();
        Files.writeString(report, Json.writePretty(doc) + "\n", StandardCharsets.UTF_8);
    }
}
