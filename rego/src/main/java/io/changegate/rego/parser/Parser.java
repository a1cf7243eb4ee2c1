package io.changegate.rego.parser;

import io.changegate.rego.RegoError;
import io.changegate.rego.RegoException;
import io.changegate.rego.ast.Body;
import io.changegate.rego.ast.Expr;
import io.changegate.rego.ast.Location;
import io.changegate.rego.ast.Module;
import io.changegate.rego.ast.RegoVersion;
import io.changegate.rego.ast.Term;
import io.changegate.rego.value.ArrayValue;
import io.changegate.rego.value.ObjectValue;
import io.changegate.rego.value.SetValue;
import io.changegate.rego.value.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * Parses Rego source into the syntax tree of {@code io.changegate.rego.ast}, with OPA's errors.
 *
 * <p>Errors are {@code rego_parse_error}s located by file, row and column, worded as OPA words
 * them, at most {@value #MAX_ERRORS} per call. All methods are thread-safe.
 */
public final class Parser {
    /** OPA stops reporting after this many errors. */
    public static final int MAX_ERRORS = 10;
    /** Inputs nested deeper than this are parsed on a thread with a large stack. */
    private static final int DEEP = 48;
    private static final long DEEP_STACK_BYTES = 256L << 20;

    private Parser() {
    }

    /** Parses a module; {@code version} selects Rego v1 (OPA 1.x) or v0 syntax. */
    public static Module parseModule(String file, String source, RegoVersion version) throws RegoException {
        Lexer lx = Lexer.scan(file, source);
        return deep(lx, () -> {
            RegoParser rp = new RegoParser(lx, version, false);
            List<RegoParser.Stmt> stmts = rp.parseStatements();
            List<Metadata.Block> blocks = Metadata.parse(lx.comments, rp.errors);
            throwIfAny(rp.errors);
            List<RegoError> errors = new ArrayList<>();
            Module m = ModuleAssembler.assemble(file, version, rp.regoV1Import, stmts, lx.comments, blocks, errors);
            throwIfAny(errors);
            return m;
        });
    }

    /** Parses a query (v1 syntax): expressions separated by newlines or {@code ;}. */
    public static Body parseQuery(String source) throws RegoException {
        Lexer lx = Lexer.scan("", source);
        return deep(lx, () -> {
            RegoParser rp = new RegoParser(lx, RegoVersion.V1, true);
            List<RegoParser.Stmt> stmts = rp.parseStatements();
            throwIfAny(rp.errors);
            List<Expr> exprs = new ArrayList<>();
            for (RegoParser.Stmt s : stmts) {
                if (s instanceof RegoParser.BodyStmt b) {
                    exprs.addAll(b.body().exprs());
                } else {
                    String kind = s instanceof RegoParser.PkgStmt ? "package" : s instanceof RegoParser.ImportStmt ? "import" : "rule";
                    throw new RegoException(new RegoError(RegoParser.PARSE_ERROR, "expected body but got " + kind, s.location()));
                }
            }
            return new Body(exprs, exprs.isEmpty() ? new Location("", 1, 1) : exprs.get(0).location());
        });
    }

    /** Parses exactly one term, for example {@code data.x[y]}, {@code {1, 2}} or {@code f(x) + 1}. */
    public static Term parseTerm(String source) throws RegoException {
        Body body = parseQuery(source);
        if (body.exprs().size() != 1) {
            throw new RegoException(new RegoError(RegoParser.PARSE_ERROR,
                    "expected exactly one term but got " + body.exprs().size() + " expressions", body.location()));
        }
        Expr e = body.exprs().get(0);
        if (!(e.kind() instanceof Expr.TermExpr te) || e.negated() || !e.withs().isEmpty()) {
            throw new RegoException(new RegoError(RegoParser.PARSE_ERROR,
                    "expected term but got " + RegoPrinter.print(body), e.location()));
        }
        return te.term();
    }

    /**
     * Parses one ground term as a value: exact numbers, sets, objects with any keys. Used for
     * inputs written as Rego terms; variables, references, calls and comprehensions are refused.
     */
    public static Value parseValue(String source) throws RegoException {
        Term t = parseTerm(source);
        return toValue(t);
    }

    private static Value toValue(Term t) throws RegoException {
        switch (t) {
            case Term.Scalar s -> {
                return s.value();
            }
            case Term.ArrayTerm a -> {
                List<Value> vs = new ArrayList<>(a.elements().size());
                for (Term e : a.elements()) {
                    vs.add(toValue(e));
                }
                return ArrayValue.of(vs);
            }
            case Term.SetTerm s -> {
                List<Value> vs = new ArrayList<>(s.elements().size());
                for (Term e : s.elements()) {
                    vs.add(toValue(e));
                }
                return SetValue.of(vs);
            }
            case Term.ObjectTerm o -> {
                ObjectValue.Builder b = ObjectValue.builder(o.entries().size());
                for (Term.Entry e : o.entries()) {
                    b.put(toValue(e.key()), toValue(e.value()));
                }
                return b.build();
            }
            default -> throw new RegoException(new RegoError(RegoParser.PARSE_ERROR,
                    "expected a ground value but got " + RegoParser.valueName(t) + ": " + RegoPrinter.print(t), t.location()));
        }
    }

    private static void throwIfAny(List<RegoError> errors) throws RegoException {
        if (!errors.isEmpty()) {
            throw new RegoException(errors.size() > MAX_ERRORS ? errors.subList(0, MAX_ERRORS) : errors);
        }
    }

    /** Runs a parse on a thread with a large stack when the input nests deeply. */
    private static <T> T deep(Lexer lx, Callable<T> parse) throws RegoException {
        if (maxNesting(lx) <= DEEP) {
            return call(parse);
        }
        Object[] result = new Object[1];
        Throwable[] failure = new Throwable[1];
        Thread t = new Thread(null, () -> {
            try {
                result[0] = parse.call();
            } catch (Throwable e) {
                failure[0] = e;
            }
        }, "rego-parser", DEEP_STACK_BYTES);
        t.start();
        try {
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while parsing", e);
        }
        if (failure[0] instanceof RegoException re) {
            throw re;
        }
        if (failure[0] instanceof RuntimeException re) {
            throw re;
        }
        if (failure[0] instanceof Error err) {
            throw err;
        }
        if (failure[0] != null) {
            throw new IllegalStateException(failure[0]);
        }
        @SuppressWarnings("unchecked")
        T r = (T) result[0];
        return r;
    }

    private static <T> T call(Callable<T> parse) throws RegoException {
        try {
            return parse.call();
        } catch (RegoException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static int maxNesting(Lexer lx) {
        int depth = 0;
        int max = 0;
        for (int i = 0; i < lx.count; i++) {
            switch (lx.kinds[i]) {
                case LBRACK, LBRACE, LPAREN -> max = Math.max(max, ++depth);
                case RBRACK, RBRACE, RPAREN -> depth = Math.max(0, depth - 1);
                default -> {
                }
            }
        }
        return max;
    }
}
