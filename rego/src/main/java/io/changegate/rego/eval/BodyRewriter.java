package io.changegate.rego.eval;

import io.changegate.rego.ast.Expr;
import io.changegate.rego.ast.Location;
import io.changegate.rego.ast.Term;
import io.changegate.rego.eval.Compiler.CompileError;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToIntFunction;

/**
 * The compiler stages that rewrite a body before it is ordered, as OPA's compiler does:
 * variables declared with {@code :=} or {@code some} get names of their own from their
 * declaration on (so a comprehension before the declaration keeps its own variable), calls in
 * the old output-argument form become unifications, and unifications of two array or object
 * literals become one unification per element.
 */
final class BodyRewriter {
    /** Separates a variable's source name from the suffix that makes a redeclared one unique. */
    static final char SUFFIX = '#';

    private final ToIntFunction<Term.Call> arityOf;
    private int counter;
    /** Names used so far anywhere in the body, closures included: a later declaration of one is a new variable. */
    private Set<String> seenAnywhere = new HashSet<>();

    /** A rewritten body: its expressions, each one's original index, and the final renaming. */
    record Result(List<Expr> exprs, List<Integer> origin, Map<String, String> renames) {
    }

    /** False under future.keywords.not / rego.v2, where {@code not} covers its whole expression. */
    private final boolean extractNegatedOperands;

    BodyRewriter(ToIntFunction<Term.Call> arityOf, boolean extractNegatedOperands) {
        this.arityOf = arityOf;
        this.extractNegatedOperands = extractNegatedOperands;
    }

    /** The source name of a possibly renamed variable. */
    static String displayName(String name) {
        int i = name.indexOf(SUFFIX);
        return i < 0 ? name : name.substring(0, i);
    }

    Result rewrite(List<Expr> exprs, Set<String> declaredBefore) {
        Map<String, String> renames = new HashMap<>();
        Set<String> declared = new HashSet<>(declaredBefore);
        Set<String> seen = new HashSet<>(declaredBefore);
        Set<String> seenAnywhere = new HashSet<>(declaredBefore);
        List<Expr> out = new ArrayList<>();
        List<Integer> origin = new ArrayList<>();
        for (int i = 0; i < exprs.size(); i++) {
            Expr e = exprs.get(i);
            this.seenAnywhere = seenAnywhere;
            Expr renamed = declare(e, renames, declared, seen);
            List<Term.Var> vars = new ArrayList<>();
            varsOutsideClosures(renamed, vars);
            vars.forEach(v -> seen.add(v.name()));
            allVarNames(e, seenAnywhere);
            int before = out.size();
            expand(renamed, out);
            for (int j = before; j < out.size(); j++) {
                origin.add(i);
            }
        }
        return new Result(out, origin, renames);
    }

    // ---------------------------------------------------------------- declarations

    private Expr declare(Expr e, Map<String, String> renames, Set<String> declared, Set<String> seen) {
        List<Expr.With> withs = renameWiths(e.withs(), renames);
        switch (e.kind()) {
            case Expr.SomeVars sv -> {
                List<Term.Var> vars = new ArrayList<>();
                for (Term.Var v : sv.vars()) {
                    vars.add((Term.Var) fresh(v, renames, declared, seen, false));
                }
                return new Expr(new Expr.SomeVars(vars), e.negated(), withs, e.location());
            }
            case Expr.SomeIn si -> {
                Term coll = rename(si.collection(), renames);
                Term key = si.key() == null ? null : declarePattern(si.key(), renames, declared, seen, true);
                Term value = declarePattern(si.value(), renames, declared, seen, true);
                return new Expr(new Expr.SomeIn(key, value, coll), e.negated(), withs, e.location());
            }
            case Expr.TermExpr te when isCall(te.term(), "assign") -> {
                Term.Call c = (Term.Call) te.term();
                if (e.negated()) {
                    throw new CompileError("rego_compile_error", "cannot assign vars inside negated expression",
                            e.location());
                }
                Term rhs = rename(c.args().get(1), renames);
                // A comprehension on the right may use the name for a variable of its own: x := {a | a = …}.
                List<Term.Var> rhsVars = new ArrayList<>();
                BodyPlanner.collectExprVars(new Expr(new Expr.TermExpr(rhs), false, List.of(), e.location()), rhsVars,
                        true);
                rhsVars.forEach(v -> seenAnywhere.add(v.name()));
                Term lhs = declarePattern(c.args().get(0), renames, declared, seen, true);
                Term.Call call = new Term.Call(c.operator(), List.of(lhs, rhs), c.location());
                return new Expr(new Expr.TermExpr(call), e.negated(), withs, e.location());
            }
            default -> {
                return new Expr(renameKind(e.kind(), renames), e.negated(), withs, e.location());
            }
        }
    }

    private Term declarePattern(Term t, Map<String, String> renames, Set<String> declared, Set<String> seen,
                                boolean assign) {
        return switch (t) {
            case Term.Var v when !v.isWildcard() -> fresh(v, renames, declared, seen, assign);
            case Term.ArrayTerm a -> {
                List<Term> xs = new ArrayList<>();
                for (Term x : a.elements()) {
                    xs.add(declarePattern(x, renames, declared, seen, assign));
                }
                yield new Term.ArrayTerm(xs, a.location());
            }
            case Term.ObjectTerm o -> {
                List<Term.Entry> es = new ArrayList<>();
                for (Term.Entry x : o.entries()) {
                    es.add(new Term.Entry(rename(x.key(), renames), declarePattern(x.value(), renames, declared, seen,
                            assign)));
                }
                yield new Term.ObjectTerm(es, o.location());
            }
            default -> rename(t, renames);
        };
    }

    private Term fresh(Term.Var v, Map<String, String> renames, Set<String> declared, Set<String> seen,
                       boolean assign) {
        String name = v.name();
        if (assign && declared.contains(name)) {
            throw new CompileError("rego_compile_error", "var " + name + " assigned above", v.location());
        }
        if (assign && seen.contains(name)) {
            throw new CompileError("rego_compile_error", "var " + name + " referenced above", v.location());
        }
        declared.add(name);
        String unique = name;
        if (renames.containsKey(name) || seen.contains(name) || seenAnywhere.contains(name)) {
            unique = name + SUFFIX + (++counter);
        }
        if (!unique.equals(name)) {
            renames.put(name, unique);
        }
        seen.add(name);
        return new Term.Var(unique, v.location());
    }

    // ---------------------------------------------------------------- renaming

    private List<Expr.With> renameWiths(List<Expr.With> withs, Map<String, String> renames) {
        if (withs.isEmpty() || renames.isEmpty()) {
            return withs;
        }
        List<Expr.With> out = new ArrayList<>();
        for (Expr.With w : withs) {
            out.add(new Expr.With(w.target(), rename(w.value(), renames), w.location()));
        }
        return out;
    }

    private Expr.Kind renameKind(Expr.Kind k, Map<String, String> renames) {
        if (renames.isEmpty()) {
            return k;
        }
        return switch (k) {
            case Expr.TermExpr te -> new Expr.TermExpr(rename(te.term(), renames));
            case Expr.SomeVars sv -> sv;
            case Expr.SomeIn si -> new Expr.SomeIn(si.key() == null ? null : rename(si.key(), renames),
                    rename(si.value(), renames), rename(si.collection(), renames));
            case Expr.Every ev -> new Expr.Every(ev.key(), ev.value(), rename(ev.domain(), renames),
                    renameBody(ev.body(), renames));
            case Expr.Block bl -> new Expr.Block(renameBody(bl.body(), renames));
        };
    }

    private io.changegate.rego.ast.Body renameBody(io.changegate.rego.ast.Body b, Map<String, String> renames) {
        List<Expr> out = new ArrayList<>();
        for (Expr e : b.exprs()) {
            out.add(new Expr(renameKind(e.kind(), renames), e.negated(), renameWiths(e.withs(), renames),
                    e.location()));
        }
        return new io.changegate.rego.ast.Body(out, b.location());
    }

    /** Applies a renaming to every variable of a term, comprehension bodies included. */
    static Term renameTerm(Term t, Map<String, String> renames) {
        return new BodyRewriter(c -> -1, true).rename(t, renames);
    }

    private Term rename(Term t, Map<String, String> renames) {
        if (renames.isEmpty()) {
            return t;
        }
        return switch (t) {
            case Term.Var v -> {
                String r = renames.get(v.name());
                yield r == null ? v : new Term.Var(r, v.location());
            }
            case Term.Scalar s -> s;
            case Term.Ref r -> new Term.Ref(renameAll(r.parts(), renames), r.location());
            case Term.ArrayTerm a -> new Term.ArrayTerm(renameAll(a.elements(), renames), a.location());
            case Term.SetTerm a -> new Term.SetTerm(renameAll(a.elements(), renames), a.location());
            case Term.ObjectTerm o -> {
                List<Term.Entry> es = new ArrayList<>();
                for (Term.Entry e : o.entries()) {
                    es.add(new Term.Entry(rename(e.key(), renames), rename(e.value(), renames)));
                }
                yield new Term.ObjectTerm(es, o.location());
            }
            case Term.Call c -> new Term.Call(c.operator(), renameAll(c.args(), renames), c.location());
            case Term.ArrayComprehension c -> new Term.ArrayComprehension(rename(c.head(), renames),
                    renameBody(c.body(), renames), c.location());
            case Term.SetComprehension c -> new Term.SetComprehension(rename(c.head(), renames),
                    renameBody(c.body(), renames), c.location());
            case Term.ObjectComprehension c -> new Term.ObjectComprehension(rename(c.key(), renames),
                    rename(c.value(), renames), renameBody(c.body(), renames), c.location());
        };
    }

    private List<Term> renameAll(List<Term> ts, Map<String, String> renames) {
        List<Term> out = new ArrayList<>(ts.size());
        for (Term t : ts) {
            out.add(rename(t, renames));
        }
        return out;
    }

    // ---------------------------------------------------------------- expansion

    private void expand(Expr e, List<Expr> out) {
        if (extractNegatedOperands && e.negated() && e.kind() instanceof Expr.TermExpr te
                && te.term() instanceof Term.Call call
                && !isCall(call, "eq") && !isCall(call, "assign")) {
            out.addAll(extractOperands(e, call));
            return;
        }
        if (e.negated() || !e.withs().isEmpty() || !(e.kind() instanceof Expr.TermExpr te)
                || !(te.term() instanceof Term.Call call)) {
            out.add(e);
            return;
        }
        if (isCall(call, "eq")) {
            Term a = call.args().get(0);
            Term b = call.args().get(1);
            if (a instanceof Term.ArrayTerm x && b instanceof Term.ArrayTerm y
                    && x.elements().size() == y.elements().size()) {
                for (int i = 0; i < x.elements().size(); i++) {
                    expand(eq(x.elements().get(i), y.elements().get(i), e.location()), out);
                }
                return;
            }
            if (a instanceof Term.ObjectTerm x && b instanceof Term.ObjectTerm y && sameConstantKeys(x, y)) {
                for (Term.Entry ex : x.entries()) {
                    for (Term.Entry ey : y.entries()) {
                        if (((Term.Scalar) ex.key()).value().equals(((Term.Scalar) ey.key()).value())) {
                            expand(eq(ex.value(), ey.value(), e.location()), out);
                        }
                    }
                }
                return;
            }
            out.add(e);
            return;
        }
        int arity = arityOf.applyAsInt(call);
        if (arity >= 0 && call.args().size() == arity + 1) {
            List<Term> args = call.args();
            Term.Call inner = new Term.Call(call.operator(), args.subList(0, arity), call.location());
            out.add(eq(args.get(arity), inner, e.location()));
            return;
        }
        out.add(e);
    }

    /**
     * {@code not f(input.x)} becomes {@code __localN__ = input.x; not f(__localN__)}, as OPA's
     * compiler rewrites dynamic call operands: an undefined operand makes the body fail instead of
     * making the negation succeed.
     */
    private List<Expr> extractOperands(Expr e, Term.Call call) {
        List<Expr> out = new ArrayList<>();
        List<Term> args = new ArrayList<>();
        for (Term a : call.args()) {
            if (a instanceof Term.Ref || a instanceof Term.Call) {
                Term.Var v = new Term.Var("__local" + (counter++) + "__", a.location());
                Expr assign = eq(v, a, a.location());
                out.add(new Expr(assign.kind(), false, e.withs(), a.location()));
                args.add(v);
            } else {
                args.add(a);
            }
        }
        Term.Call rewritten = new Term.Call(call.operator(), args, call.location());
        out.add(new Expr(new Expr.TermExpr(rewritten), true, e.withs(), e.location()));
        return out;
    }

    private static boolean sameConstantKeys(Term.ObjectTerm x, Term.ObjectTerm y) {
        if (x.entries().size() != y.entries().size()) {
            return false;
        }
        Set<Object> kx = new HashSet<>();
        Set<Object> ky = new HashSet<>();
        for (Term.Entry e : x.entries()) {
            if (!(e.key() instanceof Term.Scalar s)) {
                return false;
            }
            kx.add(s.value());
        }
        for (Term.Entry e : y.entries()) {
            if (!(e.key() instanceof Term.Scalar s)) {
                return false;
            }
            ky.add(s.value());
        }
        return kx.equals(ky);
    }

    static Expr eq(Term a, Term b, Location at) {
        Term.Call eq = new Term.Call(new Term.Ref(List.of(new Term.Var("eq", at)), at), List.of(a, b), at);
        return new Expr(new Expr.TermExpr(eq), false, List.of(), at);
    }

    static boolean isCall(Term t, String name) {
        return t instanceof Term.Call c && c.operator().parts().size() == 1
                && c.operator().head() instanceof Term.Var v && v.name().equals(name);
    }

    /** Every variable name in an expression, inside closures too. */
    private static void allVarNames(Expr e, Set<String> out) {
        List<Term.Var> vars = new ArrayList<>();
        BodyPlanner.collectExprVars(e, vars, true);
        vars.forEach(v -> out.add(v.name()));
    }

    private static void varsOutsideClosures(Expr e, List<Term.Var> out) {
        switch (e.kind()) {
            case Expr.TermExpr te -> vars(te.term(), out);
            case Expr.SomeVars sv -> out.addAll(sv.vars());
            case Expr.SomeIn si -> {
                if (si.key() != null) {
                    vars(si.key(), out);
                }
                vars(si.value(), out);
                vars(si.collection(), out);
            }
            case Expr.Every ev -> vars(ev.domain(), out);
            case Expr.Block bl -> {
            }
        }
    }

    private static void vars(Term t, List<Term.Var> out) {
        switch (t) {
            case Term.Var v -> out.add(v);
            case Term.Ref r -> r.parts().forEach(p -> vars(p, out));
            case Term.ArrayTerm a -> a.elements().forEach(x -> vars(x, out));
            case Term.SetTerm a -> a.elements().forEach(x -> vars(x, out));
            case Term.ObjectTerm o -> o.entries().forEach(x -> {
                vars(x.key(), out);
                vars(x.value(), out);
            });
            case Term.Call c -> c.args().forEach(x -> vars(x, out));
            default -> {
            }
        }
    }
}
