package io.changegate.rego.conformance;

import io.changegate.rego.EvalOptions;
import io.changegate.rego.PreparedQuery;
import io.changegate.rego.QueryResult;
import io.changegate.rego.Rego;
import io.changegate.rego.RegoError;
import io.changegate.rego.RegoException;
import io.changegate.rego.parser.Parser;
import io.changegate.rego.value.ObjectValue;
import io.changegate.rego.value.Value;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * Runs conformance cases against the engine, one at a time, each with a time limit.
 *
 * <p>A case that throws anything unexpected (an engine bug) or runs past its time limit fails
 * with that reason; the run goes on. Not thread-safe: use one runner per thread.
 */
public final class ConformanceRunner implements AutoCloseable {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(20);

    private final SkipList skips;
    private final Duration timeout;
    private ExecutorService worker = newWorker();

    public ConformanceRunner(SkipList skips, Duration timeout) {
        this.skips = skips;
        this.timeout = timeout;
    }

    public ConformanceRunner() {
        this(SkipList.EMPTY, DEFAULT_TIMEOUT);
    }

    /** The results of one case file, or the reason it could not be read. */
    public record FileResult(String file, List<CaseResult> cases, String loadError) {
        public long count(CaseResult.Status status) {
            return cases.stream().filter(c -> c.status() == status).count();
        }
    }

    /** Runs every case of {@code file}; its name in ids is relative to {@code root}. */
    public FileResult runFile(Path root, Path file) {
        String name = CaseFiles.relativeName(root, file);
        List<ConformanceCase> cases;
        try {
            cases = CaseFiles.read(file, name);
        } catch (IOException e) {
            return new FileResult(name, List.of(), name + ": cannot read: " + e.getMessage());
        } catch (YamlException e) {
            return new FileResult(name, List.of(), e.getMessage());
        }
        List<CaseResult> results = new ArrayList<>(cases.size());
        for (ConformanceCase c : cases) {
            results.add(run(c));
        }
        return new FileResult(name, results, null);
    }

    /** Runs one case. */
    public CaseResult run(ConformanceCase c) {
        String reason = c.skipReason() != null ? c.skipReason() : skips.reason(c);
        if (reason != null) {
            return CaseResult.skipped(c.id(), reason);
        }
        Future<CaseResult> f = worker.submit(() -> evaluate(c));
        try {
            return f.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            // The stuck evaluation cannot be stopped safely; abandon its thread and go on.
            worker.shutdownNow();
            worker = newWorker();
            return CaseResult.failed(c.id(), "timed out after " + timeout.toSeconds() + " s", null, null);
        } catch (ExecutionException e) {
            Throwable t = e.getCause();
            return CaseResult.failed(c.id(), "internal error: " + t, null, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return CaseResult.failed(c.id(), "interrupted", null, null);
        }
    }

    /** Evaluates a case and judges the outcome; never throws for engine errors or crashes. */
    static CaseResult evaluate(ConformanceCase c) {
        List<String> printed = new ArrayList<>();
        List<QueryResult> results;
        try {
            Value input = c.input();
            if (c.inputTerm() != null) {
                try {
                    input = Parser.parseValue(c.inputTerm());
                } catch (RegoException e) {
                    return CaseResult.failed(c.id(), "cannot parse input_term: " + e.getMessage(), null, null);
                }
            }
            Rego.Builder b = Rego.builder();
            for (ConformanceCase.Module m : c.modules()) {
                b.module(m.file(), m.source());
            }
            if (c.data() != null) {
                b.data(c.data());
            }
            PreparedQuery q = b.prepare(c.query());
            EvalOptions options = EvalOptions.DEFAULT.withStrictBuiltinErrors(c.strictError())
                    .withPrint(printed::add);
            results = q.eval(input, options);
        } catch (RegoException e) {
            return judge(c, null, e, null);
        } catch (RuntimeException | StackOverflowError e) {
            return CaseResult.failed(c.id(), "internal error: " + e, expectation(c), null);
        }
        return judge(c, results, null, String.join("\n", printed));
    }

    /**
     * Judges one outcome: either {@code results} with the {@code print} output, or {@code error}.
     */
    static CaseResult judge(ConformanceCase c, List<QueryResult> results, RegoException error, String output) {
        if (error != null) {
            return judgeError(c, error);
        }
        if (c.expectsError()) {
            return CaseResult.failed(c.id(), "expected an error, got results", expectation(c),
                    ResultComparison.render(ResultComparison.actualRows(results)));
        }
        CaseResult judged = judgeResults(c, results);
        if (judged.status() != CaseResult.Status.PASSED || c.wantOutput() == null) {
            return judged;
        }
        if (!c.wantOutput().equals(output)) {
            return CaseResult.failed(c.id(), "print output differs", c.wantOutput(), output);
        }
        return judged;
    }

    private static CaseResult judgeResults(ConformanceCase c, List<QueryResult> results) {
        String id = c.id();
        if (c.wantResult() != null) {
            List<ObjectValue> actual = ResultComparison.actualRows(results);
            if (ResultComparison.matches(c.wantResult(), actual, c.sortBindings())) {
                return CaseResult.passed(id);
            }
            return CaseResult.failed(id, "results differ", ResultComparison.render(c.wantResult()),
                    ResultComparison.render(actual));
        }
        if (c.wantDefined() != null) {
            boolean defined = !results.isEmpty();
            if (defined == c.wantDefined()) {
                return CaseResult.passed(id);
            }
            return CaseResult.failed(id, c.wantDefined() ? "expected a defined result" : "expected undefined",
                    "defined: " + c.wantDefined(), ResultComparison.render(ResultComparison.actualRows(results)));
        }
        if (c.wantOutput() != null) {
            return CaseResult.passed(id);
        }
        return CaseResult.failed(id, "the case states no expectation (want_result, want_error, want_defined"
                + " or want_output)", null, null);
    }

    /** An error passes when its code (of any reported error) and rendered text match what the case wants. */
    private static CaseResult judgeError(ConformanceCase c, RegoException e) {
        String id = c.id();
        String rendered = e.getMessage();
        if (!c.expectsError()) {
            return CaseResult.failed(id, "unexpected error", expectation(c), rendered);
        }
        if (c.wantErrorCode() != null) {
            boolean codeMatches = e.errors().stream().map(RegoError::code).anyMatch(c.wantErrorCode()::equals);
            if (!codeMatches) {
                return CaseResult.failed(id, "error code differs", expectation(c), codesAndText(e));
            }
        }
        if (c.wantError() != null && !rendered.contains(c.wantError())) {
            return CaseResult.failed(id, "error text differs", expectation(c), rendered);
        }
        return CaseResult.passed(id);
    }

    private static String codesAndText(RegoException e) {
        return e.errors().stream().map(RegoError::code).distinct().collect(Collectors.joining(", "))
                + ": " + e.getMessage();
    }

    private static String expectation(ConformanceCase c) {
        if (c.expectsError()) {
            StringBuilder sb = new StringBuilder("error");
            if (c.wantErrorCode() != null) {
                sb.append(' ').append(c.wantErrorCode());
            }
            if (c.wantError() != null) {
                sb.append(" containing \"").append(c.wantError()).append('"');
            }
            return sb.toString();
        }
        if (c.wantResult() != null) {
            return ResultComparison.render(c.wantResult());
        }
        return c.wantDefined() != null ? "defined: " + c.wantDefined() : null;
    }

    private static ExecutorService newWorker() {
        return Executors.newSingleThreadExecutor(r -> {
            // A large stack: deeply recursive policies should fail on the engine's own limits.
            Thread t = new Thread(null, r, "conformance-case", 64L * 1024 * 1024);
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }
}
