package io.changegate.rego.tooling;

import io.changegate.rego.CompiledModules;
import io.changegate.rego.EvalOptions;
import io.changegate.rego.PreparedQuery;
import io.changegate.rego.QueryResult;
import io.changegate.rego.Rego;
import io.changegate.rego.RegoError;
import io.changegate.rego.RegoException;
import io.changegate.rego.ast.Location;
import io.changegate.rego.ast.Module;
import io.changegate.rego.ast.RegoVersion;
import io.changegate.rego.ast.Rule;
import io.changegate.rego.ast.Term;
import io.changegate.rego.parser.Parser;
import io.changegate.rego.parser.RegoPrinter;
import io.changegate.rego.value.BooleanValue;
import io.changegate.rego.value.ObjectValue;
import com.google.re2j.Pattern;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the Rego unit tests of a set of modules the way {@code opa test} does.
 *
 * <p>A test is a rule of any package whose name starts with {@code test_}; one whose name starts
 * with {@code todo_test_} is reported as skipped without being evaluated. Functions are never
 * tests. Each test is evaluated as the query {@code data.<package>.<name>} and passes when its
 * value is {@code true}; an undefined or other value fails, and an evaluation error is an error.
 * A test name defined more than once gives one test per definition, the later ones named
 * {@code name#01}, {@code name#02}…, as OPA names them.
 */
public final class TestRunner {
    static final String TEST_PREFIX = "test_";
    static final String TODO_PREFIX = "todo_test_";
    /** A rename for the later definitions of a duplicated test: a valid identifier no policy uses. */
    private static final String DUPLICATE_MARK = "__changegate_duplicate_";

    private TestRunner() {
    }

    /** What a test came to. */
    public enum Outcome { PASS, FAIL, ERROR, SKIPPED }

    /**
     * How to run.
     *
     * @param version             the Rego version of modules that do not carry one
     * @param filter              only tests whose full name ({@code data.pkg.test_x}) this finds a match in run; null runs all
     * @param strictBuiltinErrors builtin errors fail the test instead of making the call undefined
     */
    public record Options(RegoVersion version, Pattern filter, boolean strictBuiltinErrors) {
        public static final Options DEFAULT = new Options(RegoVersion.V1, null, false);
    }

    /**
     * One test's result.
     *
     * @param pkg      the package path as OPA prints it, for example {@code data.authz}
     * @param name     the rule name, with {@code #01}… for later definitions of a duplicated name
     * @param location where the test rule starts
     * @param duration evaluation time in nanoseconds (0 for skipped tests)
     * @param error    the evaluation error of an {@link Outcome#ERROR}, else null
     * @param output   what the test printed with {@code print}, one line each, newline-terminated
     */
    public record TestResult(String pkg, String name, Location location, Outcome outcome, long duration,
                             RegoError error, String output) {
        public String fullName() {
            return pkg + "." + name;
        }
    }

    /**
     * Parses and compiles the modules once, then runs every selected test in file order, then rule order.
     *
     * @throws RegoException when a module does not parse or the modules do not compile
     */
    public static List<TestResult> run(List<Rego.SourceFile> files, ObjectValue data, Options options) throws RegoException {
        return execute(files, data, options, null).results();
    }

    /**
     * The results of a run and the coverage of every module by all of its tests together.
     *
     * @param results  as {@link #run} returns them
     * @param coverage the lines the tests evaluated, and those they did not
     */
    public record CoveredRun(List<TestResult> results, CoverageReport coverage) {
        public CoveredRun {
            results = List.copyOf(results);
        }
    }

    /**
     * Runs the tests as {@link #run} does while recording coverage, as {@code opa test --coverage}.
     *
     * @throws RegoException when a module does not parse or the modules do not compile
     */
    public static CoveredRun runWithCoverage(List<Rego.SourceFile> files, ObjectValue data, Options options)
            throws RegoException {
        return execute(files, data, options, new CoverageReport.Hits());
    }

    private static CoveredRun execute(List<Rego.SourceFile> files, ObjectValue data, Options options,
                                      CoverageReport.Hits hits) throws RegoException {
        List<Rego.SourceFile> sources = new ArrayList<>(files);
        List<Module> modules = parseAll(sources, options.version());
        List<TestCase> tests = discover(modules, sources);
        // Compile errors end the run before any test, as in OPA; each test is then only planned.
        CompiledModules compiled = builder(sources, data, options.version()).coverage(hits != null).compile();
        List<TestResult> results = new ArrayList<>();
        for (TestCase t : tests) {
            if (options.filter() != null && !options.filter().matcher(t.pkg() + "." + t.name()).find()) {
                continue;
            }
            results.add(t.todo() ? new TestResult(t.pkg(), t.name(), t.location(), Outcome.SKIPPED, 0, null, "")
                    : runOne(t, compiled, options, hits));
        }
        return new CoveredRun(results, hits == null ? null : CoverageReport.of(modules, hits));
    }

    private static TestResult runOne(TestCase t, CompiledModules compiled, Options options, CoverageReport.Hits hits) {
        StringBuilder printed = new StringBuilder();
        EvalOptions eo = EvalOptions.DEFAULT.withStrictBuiltinErrors(options.strictBuiltinErrors())
                .withPrint(line -> printed.append(line).append('\n'))
                .withCoverage(hits);
        long start = 0;
        try {
            PreparedQuery q = compiled.prepare(t.query());
            start = System.nanoTime();
            List<QueryResult> rs = q.eval(null, eo);
            long took = System.nanoTime() - start;
            boolean pass = !rs.isEmpty() && BooleanValue.TRUE.equals(rs.get(0).expressions().get(0).value());
            return new TestResult(t.pkg(), t.name(), t.location(), pass ? Outcome.PASS : Outcome.FAIL, took, null,
                    printed.toString());
        } catch (RegoException e) {
            long took = start == 0 ? 0 : System.nanoTime() - start;
            RegoError err = e.errors().isEmpty() ? new RegoError("eval_internal_error", e.getMessage(), null) : e.errors().get(0);
            return new TestResult(t.pkg(), t.name(), t.location(), Outcome.ERROR, took, err, printed.toString());
        }
    }

    private static Rego.Builder builder(List<Rego.SourceFile> sources, ObjectValue data, RegoVersion version) {
        Rego.Builder b = Rego.builder().regoVersion(version).data(data);
        for (Rego.SourceFile f : sources) {
            b.module(f.file(), f.source(), f.version());
        }
        return b;
    }

    private static List<Module> parseAll(List<Rego.SourceFile> sources, RegoVersion version) throws RegoException {
        List<Module> modules = new ArrayList<>();
        List<RegoError> errors = new ArrayList<>();
        for (Rego.SourceFile f : sources) {
            try {
                modules.add(Parser.parseModule(f.file(), f.source(), f.version() != null ? f.version() : version));
            } catch (RegoException e) {
                errors.addAll(e.errors());
            }
        }
        if (!errors.isEmpty()) {
            throw new RegoException(errors);
        }
        return modules;
    }

    /** A discovered test: its package and name as reported, and the query that evaluates it. */
    record TestCase(String pkg, String name, String query, Location location, boolean todo) {
    }

    /**
     * Finds the tests of the modules; renames later definitions of a duplicated test name in
     * {@code sources} (in place) so that each definition is evaluated on its own.
     */
    static List<TestCase> discover(List<Module> modules, List<Rego.SourceFile> sources) {
        List<TestCase> tests = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (int m = 0; m < modules.size(); m++) {
            Module module = modules.get(m);
            String pkg = RegoPrinter.print(module.pkg().path());
            List<int[]> renames = new ArrayList<>();
            List<String> renameNames = new ArrayList<>();
            for (Rule r : module.rules()) {
                Rule.Head h = r.head();
                if (h.isFunction() || h.ref().parts().size() != 1 || !(h.ref().head() instanceof Term.Var v)) {
                    continue;
                }
                String name = v.name();
                boolean todo = name.startsWith(TODO_PREFIX);
                if (!todo && !name.startsWith(TEST_PREFIX)) {
                    continue;
                }
                int count = seen.merge(pkg + "." + name, 1, Integer::sum) - 1;
                String reported = name;
                String queried = name;
                if (count > 0) {
                    reported = name + "#" + String.format("%02d", count);
                    queried = name + DUPLICATE_MARK + count;
                    Location at = v.location();
                    renames.add(new int[] {at.row(), at.col(), name.length()});
                    renameNames.add(queried);
                }
                tests.add(new TestCase(pkg, reported, pkg + "." + queried, r.location(), todo));
            }
            if (!renames.isEmpty()) {
                Rego.SourceFile f = sources.get(m);
                sources.set(m, new Rego.SourceFile(f.file(), rename(f.source(), renames, renameNames), f.version()));
            }
        }
        return tests;
    }

    /** Replaces identifiers at (row, col, length) with new names, last first so earlier positions stay valid. */
    private static String rename(String source, List<int[]> at, List<String> names) {
        String[] lines = source.split("\n", -1);
        for (int i = at.size() - 1; i >= 0; i--) {
            int[] p = at.get(i);
            String line = lines[p[0] - 1];
            int start = line.offsetByCodePoints(0, p[1] - 1);
            lines[p[0] - 1] = line.substring(0, start) + names.get(i) + line.substring(start + p[2]);
        }
        return String.join("\n", lines);
    }
}
