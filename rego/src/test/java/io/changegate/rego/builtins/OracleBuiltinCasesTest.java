package io.changegate.rego.builtins;

import static org.assertj.core.api.Assertions.assertThat;

import io.changegate.rego.builtins.CallTerms.Call;
import io.changegate.rego.builtins.CallTerms.Const;
import io.changegate.rego.builtins.CallTerms.InputRef;
import io.changegate.rego.builtins.CallTerms.Term;
import io.changegate.rego.value.ArrayValue;
import io.changegate.rego.value.ObjectValue;
import io.changegate.rego.value.SetValue;
import io.changegate.rego.value.StringValue;
import io.changegate.rego.value.Value;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Runs the single-call builtin cases of the OPA 1.9 oracle corpus ({@code p := f(args)})
 * directly against the builtins, without the evaluator: constant arguments, arguments from
 * {@code input}, strict and non-strict error modes, and — for cases OPA's type checker rejects
 * — that a constant argument falls outside the declared type.
 */
class OracleBuiltinCasesTest {
    /** Cases known to pass; the test fails when fewer pass, so a regression cannot slip in. */
    private static final int MIN_PASSING = 1745;

    enum Outcome { PASS, FAIL, SKIP }

    record Result(String file, String note, Outcome outcome, String detail) {
    }

    @Test
    void singleCallOracleCasesGiveOpasAnswers() throws IOException {
        Optional<Path> shared = CaseFiles.shared();
        Assumptions.assumeTrue(shared.isPresent(), "../shared is absent: the oracle corpus cannot be run");
        List<Result> results = runAll(shared.get().resolve("conformance/oracle/builtins"));
        long passed = results.stream().filter(r -> r.outcome() == Outcome.PASS).count();
        assertThat(passed).as("oracle builtin cases passing").isGreaterThanOrEqualTo(MIN_PASSING);
    }

    public static void main(String[] args) throws IOException {
        Path dir = CaseFiles.shared().orElseThrow().resolve("conformance/oracle/builtins");
        List<Result> results = runAll(dir);
        boolean verbose = args.length > 0;
        String current = null;
        int p = 0;
        int f = 0;
        int s = 0;
        int tp = 0;
        int tf = 0;
        int ts = 0;
        List<String> lines = new ArrayList<>();
        for (Result r : results) {
            if (!r.file().equals(current)) {
                if (current != null) {
                    lines.add(String.format("%-22s %4d passed %4d failed %4d skipped", current, p, f, s));
                }
                current = r.file();
                p = f = s = 0;
            }
            switch (r.outcome()) {
                case PASS -> { p++; tp++; }
                case FAIL -> {
                    f++;
                    tf++;
                    String d = r.detail();
                    System.out.println("FAIL " + r.file() + " " + r.note() + " :: " + (Boolean.getBoolean("full") || d.length() < 600 ? d : d.substring(0, 600)));
                }
                case SKIP -> {
                    s++;
                    ts++;
                    if (verbose) {
                        System.out.println("SKIP " + r.file() + " " + r.note() + " :: " + r.detail());
                    }
                }
            }
        }
        lines.add(String.format("%-22s %4d passed %4d failed %4d skipped", current, p, f, s));
        lines.forEach(System.out::println);
        System.out.println(tp + " passed, " + tf + " failed, " + ts + " skipped");
    }

    static List<Result> runAll(Path dir) throws IOException {
        List<Result> out = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> st = Files.list(dir)) {
            files = st.filter(x -> x.toString().endsWith(".yaml")).sorted().toList();
        }
        for (Path file : files) {
            for (ObjectValue c : CaseFiles.cases(file)) {
                String note = str(c.get("note"));
                Result r;
                try {
                    r = run(file.getFileName().toString(), note, c);
                } catch (RuntimeException e) {
                    r = new Result(file.getFileName().toString(), note, Outcome.FAIL, "crashed: " + e);
                }
                out.add(r);
            }
        }
        return out;
    }

    private static String str(Value v) {
        return v instanceof StringValue s ? s.value() : v == null ? null : v.toString();
    }

    private static Result run(String file, String note, ObjectValue c) {
        if (note.contains("[opa-1.9-quirk")) {
            return new Result(file, note, Outcome.SKIP, "OPA 1.9 quirk");
        }
        String module = str(((ArrayValue) c.get("modules")).get(0));
        List<String> body = module.lines().filter(l -> !l.isBlank() && !l.startsWith("package ") && !l.startsWith("import ")).toList();
        if (body.size() != 1 || !body.getFirst().startsWith("p := ")) {
            return new Result(file, note, Outcome.SKIP, "needs the evaluator");
        }
        if (body.getFirst().startsWith("p := trace(")) {
            return new Result(file, note, Outcome.SKIP, "trace is the evaluator's");
        }
        Term term;
        try {
            term = CallTerms.parse(body.getFirst().substring(5));
        } catch (CallTerms.Unsupported e) {
            return new Result(file, note, Outcome.SKIP, "needs the evaluator: " + e.getMessage());
        }
        boolean strict = c.get("strict_error") != null && c.get("strict_error").equals(io.changegate.rego.value.BooleanValue.TRUE);
        Value input = c.get("input");
        String code = str(c.get("want_error_code"));
        String wantError = str(c.get("want_error"));
        if (code != null && code.startsWith("rego_")) {
            if (code.equals("rego_type_error") && wantError != null && wantError.endsWith(": invalid argument(s)") && term instanceof Call call) {
                return typeCheck(file, note, call);
            }
            return new Result(file, note, Outcome.SKIP, "compile-time check: " + code);
        }
        TestContext ctx = new TestContext(strict);
        Value got;
        BuiltinException error = null;
        try {
            got = eval(term, input, ctx);
        } catch (BuiltinException e) {
            got = null;
            error = e;
        } catch (CallTerms.Unsupported e) {
            return new Result(file, note, Outcome.FAIL, e.getMessage());
        }
        if (code != null) {
            if (error == null) {
                return new Result(file, note, Outcome.FAIL, "expected " + code + " " + wantError + " but got " + (got == null ? "undefined" : got.toRego()));
            }
            boolean ok = error.kind().code().equals(code) && (wantError == null || error.getMessage().contains(wantError));
            return new Result(file, note, ok ? Outcome.PASS : Outcome.FAIL,
                    ok ? "" : "expected " + code + " " + wantError + " but got " + error.kind().code() + " " + error.getMessage());
        }
        ArrayValue want = (ArrayValue) c.get("want_result");
        if (want.size() == 0) {
            boolean ok = got == null && (error == null || (!strict && !error.halts()));
            return new Result(file, note, ok ? Outcome.PASS : Outcome.FAIL,
                    ok ? "" : "expected undefined but got " + (error != null ? error.kind().code() + " " + error.getMessage() : got.toRego()));
        }
        Value expected = ((ObjectValue) want.get(0)).get("x");
        if (error != null) {
            return new Result(file, note, Outcome.FAIL, "expected " + expected.toJson() + " but got " + error.kind().code() + " " + error.getMessage());
        }
        if (got == null) {
            return new Result(file, note, Outcome.FAIL, "expected " + expected.toJson() + " but got undefined");
        }
        Value actual = jsonForm(got);
        boolean ok = actual.equals(expected);
        return new Result(file, note, ok ? Outcome.PASS : Outcome.FAIL, ok ? "" : "expected " + expected.toJson() + " but got " + actual.toJson());
    }

    /** OPA's type checker rejects a call whose constant argument is outside the declared type. */
    private static Result typeCheck(String file, String note, Call call) {
        Builtin b = BuiltinRegistry.standard().get(call.name());
        if (b == null) {
            return new Result(file, note, Outcome.FAIL, "not implemented: " + call.name());
        }
        List<Type> types = b.decl().argTypes();
        if (types.size() != call.args().size()) {
            return new Result(file, note, Outcome.PASS, "");
        }
        for (int i = 0; i < types.size(); i++) {
            if (call.args().get(i) instanceof Const k && !types.get(i).accepts(k.value())) {
                return new Result(file, note, Outcome.PASS, "");
            }
        }
        return new Result(file, note, Outcome.FAIL, "declaration accepts the arguments: " + types.stream().map(Type::describe).toList());
    }

    static Value eval(Term t, Value input, BuiltinContext ctx) throws BuiltinException {
        switch (t) {
            case Const k -> {
                return k.value();
            }
            case InputRef r -> {
                Value cur = input;
                for (String key : r.path()) {
                    if (!(cur instanceof ObjectValue o) || (cur = o.get(key)) == null) {
                        return null;
                    }
                }
                return cur;
            }
            case Call call -> {
                List<Value> args = new ArrayList<>();
                for (Term a : call.args()) {
                    Value v = eval(a, input, ctx);
                    if (v == null) {
                        return null;
                    }
                    args.add(v);
                }
                if (call.name().startsWith("$")) {
                    return CallTerms.build(call.name().substring(1), args);
                }
                Builtin b = BuiltinRegistry.standard().get(call.name());
                if (b == null) {
                    throw new CallTerms.Unsupported("not implemented: " + call.name());
                }
                try {
                    return b.call(ctx, args.toArray(new Value[0]));
                } catch (BuiltinException e) {
                    if (!ctx.strictBuiltinErrors() && !e.halts()) {
                        return null;
                    }
                    throw e;
                }
            }
        }
    }

    /** The value as the corpus writes it: sets as arrays, non-string object keys as their JSON text. */
    static Value jsonForm(Value v) {
        return switch (v) {
            case SetValue s -> ArrayValue.of(s.asList().stream().map(OracleBuiltinCasesTest::jsonForm).toList());
            case ArrayValue a -> ArrayValue.of(a.asList().stream().map(OracleBuiltinCasesTest::jsonForm).toList());
            case ObjectValue o -> {
                ObjectValue.Builder b = ObjectValue.builder();
                o.forEach((k, x) -> b.put(k instanceof StringValue ? k : StringValue.of(k.toJson()), jsonForm(x)));
                yield b.build();
            }
            default -> v;
        };
    }
}
