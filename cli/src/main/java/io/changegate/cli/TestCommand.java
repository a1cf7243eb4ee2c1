package io.changegate.cli;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import io.changegate.rego.RegoError;
import io.changegate.rego.RegoException;
import io.changegate.rego.ast.RegoVersion;
import io.changegate.rego.tooling.CoverageReport;
import io.changegate.rego.tooling.GoDuration;
import io.changegate.rego.tooling.TestRunner;
import io.changegate.rego.tooling.TestRunner.Outcome;
import io.changegate.rego.tooling.TestRunner.TestResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code changegate test}: runs Rego unit tests as {@code opa test} does, with its report formats. */
@Command(name = "test", sortOptions = false,
        description = {"Execute Rego test cases: rules named test_* in the given .rego files and directories "
                + "(data .json/.yaml files are loaded too); todo_test_* rules are reported as skipped.",
                "Exit code: 0 when every test passes, 1 when a test fails, errors or is skipped "
                        + "(unless -z), 2 when a policy does not parse or compile or the options are wrong; "
                        + "with --coverage, 1 when a test does not pass and 2 when coverage is below --threshold."})
final class TestCommand extends CliCommand {
    enum Format { pretty, json }

    private static final String LINE = "-".repeat(80);

    @Parameters(paramLabel = "PATH", arity = "1..*", description = "Policy and data files or directories.")
    List<Path> paths = new ArrayList<>();

    @Option(names = {"-v", "--verbose"}, description = "Report every test, not only those that do not pass.")
    boolean verbose;

    @Option(names = {"-r", "--run"}, paramLabel = "REGEX",
            description = "Run only tests whose full name (data.pkg.test_x) matches this RE2 regular expression.")
    String run;

    @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", defaultValue = "pretty",
            description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Format format = Format.pretty;

    @Option(names = {"-c", "--coverage"}, description = "Report coverage as JSON, per file and line, instead of results "
            + "(as `opa test --coverage`: a test that does not pass is reported on stderr instead, exit 1).")
    boolean coverage;

    @Option(names = "--threshold", paramLabel = "PERCENT", defaultValue = "0",
            description = "Exit 2 when total coverage is below this percentage (implies --coverage); "
                    + "with -v the lines not covered are listed.")
    double threshold;

    @Option(names = {"-z", "--exit-zero-on-skipped"}, description = "Skipped tests do not make the exit code non-zero.")
    boolean exitZeroOnSkipped;

    @Option(names = {"--v0", "--v0-compatible"}, description = "Parse modules as Rego v0 (Gatekeeper's and older OPA policies).")
    boolean v0;

    @Override
    protected int execute() throws Exception {
        if (!(threshold >= 0 && threshold <= 100)) {
            err().println("Code coverage threshold must be between 0 and 100");
            return 1;
        }
        Pattern filter = null;
        if (run != null && !run.isEmpty()) {
            try {
                filter = Pattern.compile(run);
            } catch (PatternSyntaxException e) {
                throw new CliException("changegate: invalid --run regular expression: " + e.getMessage(), 2);
            }
        }
        PolicyFiles.Loaded raw = PolicyFiles.load(paths);
        // Files are named as Go names walked paths: `./a.rego` is `a.rego`.
        PolicyFiles.Loaded loaded = new PolicyFiles.Loaded(raw.modules().stream()
                .map(m -> new io.changegate.rego.Rego.SourceFile(Path.of(m.file()).normalize().toString(), m.source(), m.version()))
                .toList(), raw.data());
        Map<String, String> sources = new HashMap<>();
        loaded.modules().forEach(m -> sources.put(m.file(), m.source()));
        TestRunner.Options options = new TestRunner.Options(v0 ? RegoVersion.V0 : RegoVersion.V1, filter, false);
        if (coverage || threshold > 0) {
            return withCoverage(loaded, options, sources);
        }
        List<TestResult> results;
        try {
            results = TestRunner.run(loaded.modules(), loaded.data(), options);
        } catch (RegoException e) {
            err().print(OpaErrors.text(e.errors(), sources));
            return 2;
        }
        out().print(format == Format.json ? json(results) : pretty(results, verbose));
        return exitCode(results, exitZeroOnSkipped);
    }

    /**
     * The coverage mode of {@code opa test}: the first test that does not pass (skipped ones
     * included) is reported on stderr instead of the report, exit 1; coverage below the threshold
     * is reported on stderr, exit 2; otherwise the JSON report.
     */
    private int withCoverage(PolicyFiles.Loaded loaded, TestRunner.Options options, Map<String, String> sources) {
        TestRunner.CoveredRun run;
        try {
            run = TestRunner.runWithCoverage(loaded.modules(), loaded.data(), options);
        } catch (RegoException e) {
            err().print(OpaErrors.text(e.errors(), sources));
            return 2;
        }
        for (TestResult r : run.results()) {
            if (r.outcome() != Outcome.PASS) {
                err().println(r.error() != null ? OpaErrors.one(r.error()) : line(r));
                return 1;
            }
        }
        CoverageReport report = run.coverage();
        if (report.coverage() < threshold) {
            err().println(thresholdNotMet(report, threshold, verbose));
            return 2;
        }
        out().print(coverageJson(report));
        return 0;
    }

    /** OPA's threshold error; verbose, followed by each range of lines not covered. */
    static String thresholdNotMet(CoverageReport report, double threshold, boolean verbose) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
                "Code coverage threshold not met: got %.2f instead of %.2f", report.coverage(), threshold));
        if (verbose && !report.files().isEmpty()) {
            sb.append("\nLines not covered:");
            report.files().forEach((file, fc) -> {
                for (CoverageReport.LineRange r : fc.notCovered()) {
                    sb.append("\n\t").append(file).append(':').append(r.start());
                    if (r.end() != r.start()) {
                        sb.append('-').append(r.end());
                    }
                }
            });
        }
        return sb.toString();
    }

    /**
     * The coverage report as OPA's JSON encoder writes it: two-space indent, files by name, and
     * per file only the fields that are not empty or zero.
     */
    static String coverageJson(CoverageReport report) {
        StringBuilder sb = new StringBuilder("{\n  \"files\": {");
        int i = 0;
        for (Map.Entry<String, CoverageReport.FileCoverage> e : report.files().entrySet()) {
            sb.append(i++ == 0 ? "\n" : ",\n").append("    ").append(GoJson.quote(e.getKey())).append(": ");
            CoverageReport.FileCoverage f = e.getValue();
            List<String> fields = new ArrayList<>();
            if (!f.covered().isEmpty()) {
                fields.add("\"covered\": " + ranges(f.covered()));
            }
            if (!f.notCovered().isEmpty()) {
                fields.add("\"not_covered\": " + ranges(f.notCovered()));
            }
            if (f.coveredLines() != 0) {
                fields.add("\"covered_lines\": " + f.coveredLines());
            }
            if (f.notCoveredLines() != 0) {
                fields.add("\"not_covered_lines\": " + f.notCoveredLines());
            }
            if (f.coverage() != 0) {
                fields.add("\"coverage\": " + goFloat(f.coverage()));
            }
            sb.append(fields.isEmpty() ? "{}" : "{\n      " + String.join(",\n      ", fields) + "\n    }");
        }
        sb.append(i == 0 ? "},\n" : "\n  },\n");
        sb.append("  \"covered_lines\": ").append(report.coveredLines()).append(",\n");
        sb.append("  \"not_covered_lines\": ").append(report.notCoveredLines()).append(",\n");
        sb.append("  \"coverage\": ").append(goFloat(report.coverage())).append("\n}\n");
        return sb.toString();
    }

    private static String ranges(List<CoverageReport.LineRange> ranges) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < ranges.size(); i++) {
            CoverageReport.LineRange r = ranges.get(i);
            sb.append(i == 0 ? "\n" : ",\n").append("        {\n");
            sb.append("          \"start\": {\n            \"row\": ").append(r.start()).append("\n          },\n");
            sb.append("          \"end\": {\n            \"row\": ").append(r.end()).append("\n          }\n");
            sb.append("        }");
        }
        return sb.append("\n      ]").toString();
    }

    /** A float64 as Go's encoding/json writes it: the shortest decimal that reads back the same, no exponent here. */
    static String goFloat(double d) {
        return new java.math.BigDecimal(Double.toString(d)).stripTrailingZeros().toPlainString();
    }

    static int exitCode(List<TestResult> results, boolean exitZeroOnSkipped) {
        for (TestResult r : results) {
            if (r.outcome() == Outcome.FAIL || r.outcome() == Outcome.ERROR
                    || r.outcome() == Outcome.SKIPPED && !exitZeroOnSkipped) {
                return 1;
            }
        }
        return 0;
    }

    /** One result as OPA prints it: {@code data.pkg.test_x: PASS (1.2ms)}; skipped tests have no duration. */
    static String line(TestResult r) {
        String outcome = r.outcome() == Outcome.SKIPPED ? "SKIPPED" : r.outcome().name();
        if (r.outcome() == Outcome.SKIPPED) {
            return r.fullName() + ": " + outcome;
        }
        return r.fullName() + ": " + outcome + " (" + GoDuration.format(r.duration()) + ")";
    }

    /**
     * The pretty report: with -v a FAILURES section first; then the tests to report grouped under
     * their file's name, print output indented below its test, errors below theirs; a rule; the
     * PASS/FAIL/SKIPPED/ERROR counts; and a closing {@code N passed, N failed} line.
     */
    static String pretty(List<TestResult> results, boolean verbose) {
        StringBuilder sb = new StringBuilder();
        int pass = 0;
        int fail = 0;
        int skip = 0;
        int errs = 0;
        List<TestResult> failures = new ArrayList<>();
        for (TestResult r : results) {
            switch (r.outcome()) {
                case PASS -> pass++;
                case FAIL -> {
                    fail++;
                    failures.add(r);
                }
                case SKIPPED -> skip++;
                case ERROR -> errs++;
            }
        }
        if (fail > 0 && verbose) {
            sb.append("FAILURES\n").append(LINE).append('\n');
            for (TestResult r : failures) {
                // OPA follows each failure with its evaluation trace; this engine records none.
                sb.append(line(r)).append("\n\n\n");
            }
            sb.append("SUMMARY\n").append(LINE).append('\n');
        }
        boolean dirty = false;
        String lastFile = null;
        for (TestResult r : results) {
            if (verbose || r.outcome() != Outcome.PASS) {
                String file = r.location().file();
                if (!file.equals(lastFile)) {
                    if (lastFile != null) {
                        sb.append('\n');
                    }
                    sb.append(file).append(":\n");
                    lastFile = file;
                }
                dirty = true;
                sb.append(line(r)).append('\n');
                if (!r.output().isEmpty()) {
                    sb.append('\n');
                    for (String l : r.output().strip().split("\n", -1)) {
                        sb.append("  ").append(l).append('\n');
                    }
                    sb.append('\n');
                }
            }
            if (r.error() != null) {
                sb.append("  ").append(OpaErrors.one(r.error())).append('\n');
            }
        }
        if (dirty) {
            sb.append(LINE).append('\n');
        }
        int total = pass + fail + skip + errs;
        if (pass != 0) {
            sb.append("PASS: ").append(pass).append('/').append(total).append('\n');
        }
        if (fail != 0) {
            sb.append("FAIL: ").append(fail).append('/').append(total).append('\n');
        }
        if (skip != 0) {
            sb.append("SKIPPED: ").append(skip).append('/').append(total).append('\n');
        }
        if (errs != 0) {
            sb.append("ERROR: ").append(errs).append('/').append(total).append('\n');
        }
        sb.append(pass).append(" passed, ").append(fail + errs).append(" failed\n");
        return sb.toString();
    }

    /** The JSON report: an array of results with OPA's field names and order, indented by two spaces. */
    static String json(List<TestResult> results) {
        if (results.isEmpty()) {
            return "[]\n";
        }
        StringBuilder sb = new StringBuilder("[\n");
        for (int i = 0; i < results.size(); i++) {
            TestResult r = results.get(i);
            sb.append("  {\n");
            sb.append("    \"location\": {\n");
            sb.append("      \"file\": ").append(GoJson.quote(r.location().file())).append(",\n");
            sb.append("      \"row\": ").append(r.location().row()).append(",\n");
            sb.append("      \"col\": ").append(r.location().col()).append("\n    },\n");
            sb.append("    \"package\": ").append(GoJson.quote(r.pkg())).append(",\n");
            sb.append("    \"name\": ").append(GoJson.quote(r.name())).append(",\n");
            if (r.outcome() == Outcome.FAIL) {
                sb.append("    \"fail\": true,\n");
            }
            if (r.error() != null) {
                sb.append("    \"error\": ").append(errorJson(r.error())).append(",\n");
            }
            if (r.outcome() == Outcome.SKIPPED) {
                sb.append("    \"skip\": true,\n");
            }
            sb.append("    \"duration\": ").append(r.duration());
            if (!r.output().isEmpty()) {
                String b64 = Base64.getEncoder().encodeToString(r.output().getBytes(StandardCharsets.UTF_8));
                sb.append(",\n    \"output\": ").append(GoJson.quote(b64));
            }
            sb.append(i + 1 < results.size() ? "\n  },\n" : "\n  }\n");
        }
        return sb.append("]\n").toString();
    }

    private static String errorJson(RegoError e) {
        StringBuilder sb = new StringBuilder("{\n");
        sb.append("      \"code\": ").append(GoJson.quote(e.code())).append(",\n");
        sb.append("      \"message\": ").append(GoJson.quote(e.message()));
        if (e.location() != null) {
            sb.append(",\n      \"location\": {\n");
            sb.append("        \"file\": ").append(GoJson.quote(e.location().file())).append(",\n");
            sb.append("        \"row\": ").append(e.location().row()).append(",\n");
            sb.append("        \"col\": ").append(e.location().col()).append("\n      }");
        }
        return sb.append("\n    }").toString();
    }
}
