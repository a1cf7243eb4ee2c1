package io.changegate.rego.eval;

import io.changegate.rego.ast.Body;
import io.changegate.rego.ast.Expr;
import io.changegate.rego.ast.Location;
import io.changegate.rego.ast.Rule;
import io.changegate.rego.ast.Term;
import io.changegate.rego.value.ArrayValue;
import io.changegate.rego.value.BooleanValue;
import io.changegate.rego.value.ObjectValue;
import io.changegate.rego.value.SetValue;
import io.changegate.rego.value.StringValue;
import io.changegate.rego.value.Value;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import io.changegate.rego.eval.Compiler.CompileError;

/**
 * Plans one rule definition or query: gives every local variable a frame slot, orders each
 * body so that variables are bound before they are read (reporting the unsafe ones as OPA
 * does), and turns expressions and terms into goals, producers and patterns. The switch over
 * syntax happens here, once; evaluation then runs the small planned nodes.
 */
final class BodyPlanner {
    private final Compiler.ModuleScope module;
    private final Compiler compiler;
    private final RuleGroup owner;
    private int frameSize;
    /** The number of expressions of the query being planned (0 for rules). */
    private int queryLength;
    /** The rule being planned, for rego.metadata.*; null for queries. */
    private Rule currentRule;
    /** Static types of variables assigned literals, for the type check of builtin calls. */
    private final Map<String, io.changegate.rego.builtins.Type> varTypes = new HashMap<>();

    BodyPlanner(Compiler.ModuleScope module, RuleGroup owner) {
        this.module = module;
        this.compiler = module.compiler;
        this.owner = owner;
    }

    /** Variables visible in one body; comprehension and {@code every} bodies nest. */
    private final class Scope {
        final Scope parent;
        final Map<String, Integer> slots = new HashMap<>();
        final Set<String> declared = new HashSet<>();

        Scope(Scope parent) {
            this.parent = parent;
        }

        Integer lookup(String name) {
            for (Scope s = this; s != null; s = s.parent) {
                Integer i = s.slots.get(name);
                if (i != null) {
                    return i;
                }
            }
            return null;
        }

        int register(String name) {
            Integer i = slots.get(name);
            if (i == null) {
                i = frameSize++;
                slots.put(name, i);
            }
            return i;
        }

        boolean isLocal(String name) {
            return !name.equals("_") && (lookup(name) != null || module.resolve(name, Location.NONE) == null);
        }
    }

    // ---------------------------------------------------------------- rules and queries

    RuleDef planRule(Rule r, List<Term> dynamicPath) {
        currentRule = r;
        return planRule(r, dynamicPath, r.head().args());
    }

    private RuleDef planRule(Rule r, List<Term> dynamicPath, List<Term> inheritedArgs) {
        frameSize = 0;
        RuleDef def = new RuleDef(r.location());
        Rule.Head head = r.head();
        Scope scope = new Scope(null);
        Set<String> bound = new HashSet<>();
        List<Term> args = head.args() != null ? head.args() : inheritedArgs;
        if (args != null) {
            for (Term a : args) {
                declarePatternVars(a, scope);
            }
            List<Pattern> params = new ArrayList<>();
            for (Term a : args) {
                params.add(pattern(a, scope, bound));
            }
            def.params = params.toArray(new Pattern[0]);
        }
        List<Expr> exprs = r.body() == null ? List.of() : r.body().exprs();
        Set<String> argNames = new HashSet<>(scope.slots.keySet());
        Planned planned = planBody(exprs, scope, bound, null, argNames);
        Map<String, String> renames = planned.renames();
        List<Term> renamedPath = new ArrayList<>();
        for (Term t : dynamicPath) {
            renamedPath.add(BodyRewriter.renameTerm(t, renames));
        }
        Term key = head.key() == null ? null : BodyRewriter.renameTerm(head.key(), renames);
        Term value = head.value() == null ? null : BodyRewriter.renameTerm(head.value(), renames);
        List<Term> headTerms = new ArrayList<>(renamedPath);
        if (key != null) {
            headTerms.add(key);
        }
        if (value != null) {
            headTerms.add(value);
        }
        def.body = planned.goal();
        for (Term t : headTerms) {
            requireSafe(t, scope, bound, head.location());
        }
        List<Producer> path = new ArrayList<>();
        for (Term t : renamedPath) {
            path.add(producer(t, scope, bound));
        }
        def.path = path.toArray(new Producer[0]);
        if (key != null) {
            def.key = producer(key, scope, bound);
        }
        if (value != null) {
            def.value = producer(value, scope, bound);
        }
        def.constantValue = def.value == null || def.value.constant() != null;
        indexKey(def, exprs);
        if (def.params != null && def.params.length > 0 && def.params[0] instanceof Patterns.Ground g) {
            def.firstParamConstant = g.term.constant();
        }
        def.frameSize = frameSize;
        if (r.elseRule() != null) {
            def.elseDef = planRule(r.elseRule(), dynamicPath, args);
        }
        return def;
    }

    /** Records each input path a body compares with a constant (input.a.b == "x"), for the rule index. */
    private static void indexKey(RuleDef def, List<Expr> exprs) {
        for (Expr e : exprs) {
            if (e.negated() || !e.withs().isEmpty() || !(e.kind() instanceof Expr.TermExpr te)
                    || !(te.term() instanceof Term.Call c)
                    || !(BodyRewriter.isCall(c, "equal") || BodyRewriter.isCall(c, "eq"))) {
                continue;
            }
            Term a = c.args().get(0);
            Term b = c.args().get(1);
            Term.Ref ref = a instanceof Term.Ref r ? r : b instanceof Term.Ref r2 ? r2 : null;
            Term other = ref == a ? b : a;
            if (ref == null || !(other instanceof Term.Scalar constant) || !(ref.head() instanceof Term.Var v)
                    || !v.name().equals("input")) {
                continue;
            }
            List<Value> path = new ArrayList<>();
            for (int i = 1; i < ref.parts().size() && path != null; i++) {
                path = ref.parts().get(i) instanceof Term.Scalar s ? append(path, s.value()) : null;
            }
            if (path != null) {
                def.indexKeys.putIfAbsent(List.copyOf(path), constant.value());
            }
        }
    }

    private static List<Value> append(List<Value> path, Value v) {
        path.add(v);
        return path;
    }

    /** A planned query: its goals, the slots of its expression values and of its named variables. */
    record QueryPlan(Goal body, int frameSize, int[] exprSlots, Map<String, Integer> bindings) {
    }

    QueryPlan planQuery(Body body) {
        frameSize = 0;
        Scope scope = new Scope(null);
        Set<String> bound = new HashSet<>();
        List<Expr> exprs = body.exprs();
        queryLength = exprs.size();
        int[] exprSlots = new int[exprs.size()];
        for (int i = 0; i < exprSlots.length; i++) {
            exprSlots[i] = frameSize++;
        }
        Planned planned = planBody(exprs, scope, bound, exprSlots, Set.of());
        Goal g = planned.goal();
        Map<String, Integer> bindings = new java.util.TreeMap<>();
        scope.slots.forEach((name, slot) -> {
            String shown = BodyRewriter.displayName(name);
            if (!shown.startsWith("__") && !shown.equals("_")
                    && (!bindings.containsKey(shown) || name.equals(planned.renames().get(shown)))) {
                bindings.put(shown, slot);
            }
        });
        return new QueryPlan(g, frameSize, exprSlots, bindings);
    }

    // ---------------------------------------------------------------- bodies

    /** A planned body and the renaming of its redeclared variables. */
    private record Planned(Goal goal, Map<String, String> renames) {
    }

    /**
     * Plans a body: rewrites it, orders its expressions so each is safe where it runs, then chains
     * their goals. With {@code captureSlots}, each expression also records its value (queries only).
     */
    private Planned planBody(List<Expr> source, Scope scope, Set<String> bound, int[] captureSlots,
                             Set<String> declaredBefore) {
        BodyRewriter.Result rw = new BodyRewriter(call -> arityOf(call, scope), !negatesWholeExpressions()).rewrite(source, declaredBefore);
        List<Expr> exprs = rw.exprs();
        checkDeclaredVarsUsed(exprs);
        registerBody(exprs, scope);
        List<Integer> order = order(exprs, scope, bound);
        Goal first = null;
        Goal last = null;
        Set<Integer> captured = new HashSet<>();
        for (int idx : order) {
            int origin = rw.origin().get(idx);
            int slot = captureSlots != null && captured.add(origin) ? captureSlots[origin] : -1;
            Goal g = expr(exprs.get(idx), scope, bound, slot);
            if (g == null) {
                continue;
            }
            if (compiler.coverage) {
                Goal covered = new Goals.Covered(exprs.get(idx).location());
                covered.next = g;
                g = covered;
            }
            if (first == null) {
                first = g;
            } else {
                last.next = g;
            }
            last = g;
            while (last.next != null) {
                last = last.next;
            }
        }
        return new Planned(first, rw.renames());
    }

    private Goal planBody(List<Expr> exprs, Scope scope, Set<String> bound) {
        return planBody(exprs, scope, bound, null, Set.of()).goal();
    }

    /** The arity of a call's function or builtin, or -1 when unknown or special. */
    private int arityOf(Term.Call call, Scope scope) {
        String name = operatorName(call.operator());
        if (name.equals("eq") || name.equals("assign") || name.equals("print")) {
            return -1;
        }
        Call c = resolveCall(call, scope);
        return c == null ? -1 : c.callee.arity();
    }

    /** {@code some x} and {@code every} variables must be used, as OPA requires. */
    private static void checkDeclaredVarsUsed(List<Expr> exprs) {
        for (int i = 0; i < exprs.size(); i++) {
            Expr e = exprs.get(i);
            if (e.kind() instanceof Expr.SomeVars sv) {
                Set<String> used = new HashSet<>();
                for (int j = 0; j < exprs.size(); j++) {
                    if (j != i) {
                        List<Term.Var> vars = new ArrayList<>();
                        collectExprVars(exprs.get(j), vars, true);
                        vars.forEach(v -> used.add(v.name()));
                    }
                }
                for (Term.Var v : sv.vars()) {
                    if (!used.contains(v.name())) {
                        throw new CompileError("rego_compile_error",
                                "declared var " + BodyRewriter.displayName(v.name()) + " unused", v.location());
                    }
                }
            } else if (e.kind() instanceof Expr.Every ev) {
                Set<String> used = new HashSet<>();
                List<Term.Var> vars = new ArrayList<>();
                ev.body().exprs().forEach(x -> collectExprVars(x, vars, true));
                vars.forEach(v -> used.add(v.name()));
                List<Term.Var> declared = new ArrayList<>();
                if (ev.key() != null) {
                    collectVars(ev.key(), declared, false);
                }
                collectVars(ev.value(), declared, false);
                for (Term.Var v : declared) {
                    if (!v.isWildcard() && !used.contains(v.name())) {
                        throw new CompileError("rego_compile_error", "declared var " + v.name() + " unused",
                                v.location());
                    }
                }
            }
        }
    }

    /** OPA's reordering: repeatedly take the first expression whose inputs are all bound. */
    private List<Integer> order(List<Expr> exprs, Scope scope, Set<String> boundIn) {
        Set<String> bound = new HashSet<>(boundIn);
        List<Integer> pendingIdx = new ArrayList<>();
        for (int i = 0; i < exprs.size(); i++) {
            pendingIdx.add(i);
        }
        List<Integer> out = new ArrayList<>();
        while (!pendingIdx.isEmpty()) {
            int chosen = -1;
            for (int i = 0; i < pendingIdx.size(); i++) {
                if (missing(exprs.get(pendingIdx.get(i)), scope, bound).isEmpty()) {
                    chosen = i;
                    break;
                }
            }
            if (chosen < 0) {
                reportUnsafe(exprs, pendingIdx, scope, bound);
            }
            int idx = pendingIdx.remove(chosen);
            out.add(idx);
            bound.addAll(bindsAfter(exprs.get(idx), scope));
        }
        return out;
    }

    private void reportUnsafe(List<Expr> exprs, List<Integer> pendingIdx, Scope scope, Set<String> bound) {
        Set<String> reported = new LinkedHashSet<>();
        CompileError first = null;
        for (int idx : pendingIdx) {
            Expr e = exprs.get(idx);
            for (String v : sorted(missing(e, scope, bound))) {
                if (reported.add(v)) {
                    CompileError err = new CompileError("rego_unsafe_var_error", "var " + BodyRewriter.displayName(v) + " is unsafe",
                            varLocation(e, v));
                    if (first == null) {
                        first = err;
                    } else {
                        compiler.error(err.error);
                    }
                }
            }
        }
        throw first != null ? first : new CompileError("rego_unsafe_var_error", "body is unsafe",
                exprs.get(pendingIdx.get(0)).location());
    }

    private static List<String> sorted(Set<String> s) {
        List<String> l = new ArrayList<>(s);
        l.sort(null);
        return l;
    }

    /** Where a variable first occurs in an expression, for error messages. */
    private Location varLocation(Expr e, String name) {
        List<Term.Var> vars = new ArrayList<>();
        collectExprVars(e, vars, true);
        for (Term.Var v : vars) {
            if (v.name().equals(name)) {
                return v.location();
            }
        }
        return e.location();
    }

    // ---------------------------------------------------------------- variable analysis

    /** Declares the variables an expression introduces ({@code some}, {@code :=}) and registers all others. */
    private void registerBody(List<Expr> exprs, Scope scope) {
        for (Expr e : exprs) {
            switch (e.kind()) {
                case Expr.SomeVars sv -> sv.vars().forEach(v -> declare(v.name(), scope));
                case Expr.SomeIn si -> {
                    if (si.key() != null) {
                        declarePatternVars(si.key(), scope);
                    }
                    declarePatternVars(si.value(), scope);
                }
                case Expr.TermExpr te when BodyRewriter.isCall(te.term(), "assign") -> {
                    Term lhs = ((Term.Call) te.term()).args().get(0);
                    declarePatternVars(lhs, scope);
                }
                default -> {
                }
            }
        }
        for (Expr e : exprs) {
            List<Term.Var> vars = new ArrayList<>();
            collectExprVars(e, vars, false);
            for (Term.Var v : vars) {
                if (!v.isWildcard() && scope.isLocal(v.name()) && scope.lookup(v.name()) == null) {
                    scope.register(v.name());
                }
            }
        }
    }

    private void declare(String name, Scope scope) {
        if (name.equals("_")) {
            return;
        }
        scope.declared.add(name);
        scope.register(name);
    }

    private void declarePatternVars(Term t, Scope scope) {
        switch (t) {
            case Term.Var v -> declare(v.name(), scope);
            case Term.ArrayTerm a -> a.elements().forEach(x -> declarePatternVars(x, scope));
            case Term.ObjectTerm o -> o.entries().forEach(x -> declarePatternVars(x.value(), scope));
            default -> {
            }
        }
    }

    /** Variables of an expression outside closures (comprehensions, every bodies); with inner, inside them too. */
    static void collectExprVars(Expr e, List<Term.Var> out, boolean inner) {
        switch (e.kind()) {
            case Expr.TermExpr te -> collectVars(te.term(), out, inner);
            case Expr.SomeVars sv -> out.addAll(sv.vars());
            case Expr.SomeIn si -> {
                if (si.key() != null) {
                    collectVars(si.key(), out, inner);
                }
                collectVars(si.value(), out, inner);
                collectVars(si.collection(), out, inner);
            }
            case Expr.Every ev -> {
                collectVars(ev.domain(), out, inner);
                if (inner) {
                    if (ev.key() != null) {
                        collectVars(ev.key(), out, true);
                    }
                    collectVars(ev.value(), out, true);
                    ev.body().exprs().forEach(x -> collectExprVars(x, out, true));
                }
            }
            case Expr.Block bl -> {
                if (inner) {
                    bl.body().exprs().forEach(x -> collectExprVars(x, out, true));
                }
            }
        }
        // With values are read, never bound; those naming functions are not variables at all.
        if (inner) {
            for (Expr.With w : e.withs()) {
                collectVars(w.value(), out, true);
            }
        }
    }

    private static void collectVars(Term t, List<Term.Var> out, boolean inner) {
        switch (t) {
            case Term.Var v -> out.add(v);
            case Term.Scalar s -> {
            }
            case Term.Ref r -> r.parts().forEach(p -> collectVars(p, out, inner));
            case Term.ArrayTerm a -> a.elements().forEach(x -> collectVars(x, out, inner));
            case Term.SetTerm a -> a.elements().forEach(x -> collectVars(x, out, inner));
            case Term.ObjectTerm o -> o.entries().forEach(x -> {
                collectVars(x.key(), out, inner);
                collectVars(x.value(), out, inner);
            });
            case Term.Call c -> c.args().forEach(x -> collectVars(x, out, inner));
            case Term.ArrayComprehension c -> {
                if (inner) {
                    collectVars(c.head(), out, true);
                    c.body().exprs().forEach(x -> collectExprVars(x, out, true));
                }
            }
            case Term.SetComprehension c -> {
                if (inner) {
                    collectVars(c.head(), out, true);
                    c.body().exprs().forEach(x -> collectExprVars(x, out, true));
                }
            }
            case Term.ObjectComprehension c -> {
                if (inner) {
                    collectVars(c.key(), out, true);
                    collectVars(c.value(), out, true);
                    c.body().exprs().forEach(x -> collectExprVars(x, out, true));
                }
            }
        }
    }

    /** The outer variables a closure reads: those of its text that the enclosing scope knows. */
    private Set<String> closureNeeds(Term closure, Scope scope) {
        List<Term.Var> vars = new ArrayList<>();
        collectVars(closure, vars, true);
        return outerOnly(vars, scope);
    }

    private Set<String> outerOnly(List<Term.Var> vars, Scope scope) {
        Set<String> out = new HashSet<>();
        for (Term.Var v : vars) {
            if (!v.isWildcard() && scope.lookup(v.name()) != null) {
                out.add(v.name());
            }
        }
        return out;
    }

    /** Variables that must be bound to evaluate a term as a value (reference selectors enumerate). */
    private Set<String> valueNeeds(Term t, Scope scope) {
        Set<String> out = new HashSet<>();
        valueNeeds(t, scope, out);
        return out;
    }

    private void valueNeeds(Term t, Scope scope, Set<String> out) {
        switch (t) {
            case Term.Var v -> {
                if (!v.isWildcard() && scope.isLocal(v.name())) {
                    out.add(v.name());
                }
            }
            case Term.Scalar s -> {
            }
            case Term.Ref r -> {
                valueNeeds(r.head(), scope, out);
                for (int i = 1; i < r.parts().size(); i++) {
                    Term p = r.parts().get(i);
                    if (!(p instanceof Term.Var)) {
                        patternNeeds(p, scope, out);
                    }
                }
            }
            case Term.ArrayTerm a -> a.elements().forEach(x -> valueNeeds(x, scope, out));
            case Term.SetTerm a -> a.elements().forEach(x -> valueNeeds(x, scope, out));
            case Term.ObjectTerm o -> o.entries().forEach(x -> {
                valueNeeds(x.key(), scope, out);
                valueNeeds(x.value(), scope, out);
            });
            case Term.Call c -> {
                // Arguments are evaluated in an order that lets references bind what others read.
                Set<String> needs = new HashSet<>();
                Set<String> outputs = new HashSet<>();
                for (Term a : c.args()) {
                    valueNeeds(a, scope, needs);
                    refOutputs(a, scope, outputs);
                }
                needs.removeAll(outputs);
                out.addAll(needs);
            }
            default -> out.addAll(closureNeeds(t, scope));
        }
    }

    /** Variables a term binds by enumerating reference selectors. */
    private void refOutputs(Term t, Scope scope, Set<String> out) {
        switch (t) {
            case Term.Ref r -> {
                for (int i = 1; i < r.parts().size(); i++) {
                    List<Term.Var> vars = new ArrayList<>();
                    Term p = r.parts().get(i);
                    if (p instanceof Term.Var || p instanceof Term.ArrayTerm || p instanceof Term.ObjectTerm) {
                        collectVars(p, vars, false);
                    }
                    vars.forEach(v -> {
                        if (!v.isWildcard() && scope.isLocal(v.name())) {
                            out.add(v.name());
                        }
                    });
                }
            }
            case Term.ArrayTerm a -> a.elements().forEach(x -> refOutputs(x, scope, out));
            case Term.SetTerm a -> a.elements().forEach(x -> refOutputs(x, scope, out));
            case Term.ObjectTerm o -> o.entries().forEach(x -> refOutputs(x.value(), scope, out));
            case Term.Call c -> c.args().forEach(x -> refOutputs(x, scope, out));
            default -> {
            }
        }
    }

    /** Variables that must be bound to match a term as a pattern (bare variables bind instead). */
    private void patternNeeds(Term t, Scope scope, Set<String> out) {
        switch (t) {
            case Term.Var v -> {
            }
            case Term.ArrayTerm a -> a.elements().forEach(x -> patternNeeds(x, scope, out));
            case Term.ObjectTerm o -> o.entries().forEach(x -> {
                valueNeeds(x.key(), scope, out);
                patternNeeds(x.value(), scope, out);
            });
            default -> valueNeeds(t, scope, out);
        }
    }

    private Set<String> patternNeeds(Term t, Scope scope) {
        Set<String> out = new HashSet<>();
        patternNeeds(t, scope, out);
        return out;
    }

    /** The variables still unbound that an expression needs before it can run. */
    private Set<String> missing(Expr e, Scope scope, Set<String> bound) {
        Set<String> m = new HashSet<>();
        for (Expr.With w : e.withs()) {
            if (!namesFunction(w.value(), scope)) {
                valueNeeds(w.value(), scope, m);
            }
        }
        if (e.negated()) {
            List<Term.Var> vars = new ArrayList<>();
            collectExprVars(new Expr(e.kind(), false, List.of(), e.location()), vars, false);
            for (Term.Var v : vars) {
                if (!v.isWildcard() && scope.isLocal(v.name())) {
                    m.add(v.name());
                }
            }
            collectClosureNeeds(e.kind(), scope, m);
        } else {
            switch (e.kind()) {
                case Expr.TermExpr te when BodyRewriter.isCall(te.term(), "eq")
                        && ((Term.Call) te.term()).args().get(0) instanceof Term.ObjectTerm
                        && ((Term.Call) te.term()).args().get(1) instanceof Term.ObjectTerm -> {
                    // Objects with different keys never unify, so OPA binds none of their variables.
                    Term.Call c = (Term.Call) te.term();
                    valueNeeds(c.args().get(0), scope, m);
                    valueNeeds(c.args().get(1), scope, m);
                }
                case Expr.TermExpr te when BodyRewriter.isCall(te.term(), "eq") -> {
                    Term.Call c = (Term.Call) te.term();
                    Set<String> m1 = unifyNeeds(c.args().get(0), c.args().get(1), scope, bound);
                    Set<String> m2 = unifyNeeds(c.args().get(1), c.args().get(0), scope, bound);
                    if (!m1.isEmpty() && !m2.isEmpty()) {
                        m.addAll(m1.size() <= m2.size() ? m1 : m2);
                    }
                }
                case Expr.TermExpr te when BodyRewriter.isCall(te.term(), "assign") -> {
                    Term.Call c = (Term.Call) te.term();
                    m.addAll(unifyNeeds(c.args().get(0), c.args().get(1), scope, bound));
                }
                case Expr.TermExpr te -> valueNeeds(te.term(), scope, m);
                case Expr.SomeVars sv -> {
                }
                case Expr.SomeIn si -> {
                    valueNeeds(si.collection(), scope, m);
                    if (si.key() != null) {
                        patternNeeds(si.key(), scope, m);
                    }
                    patternNeeds(si.value(), scope, m);
                }
                case Expr.Every ev -> {
                    valueNeeds(ev.domain(), scope, m);
                    List<Term.Var> inner = new ArrayList<>();
                    ev.body().exprs().forEach(x -> collectExprVars(x, inner, true));
                    Set<String> own = new HashSet<>();
                    List<Term.Var> kv = new ArrayList<>();
                    if (ev.key() != null) {
                        collectVars(ev.key(), kv, true);
                    }
                    collectVars(ev.value(), kv, true);
                    kv.forEach(v -> own.add(v.name()));
                    Set<String> outer = outerOnly(inner, scope);
                    outer.removeAll(own);
                    m.addAll(outer);
                }
                case Expr.Block bl -> collectClosureNeeds(bl, scope, m);
            }
        }
        m.removeAll(bound);
        return m;
    }

    private void collectClosureNeeds(Expr.Kind kind, Scope scope, Set<String> out) {
        if (kind instanceof Expr.Block bl) {
            List<Term.Var> inner = new ArrayList<>();
            bl.body().exprs().forEach(x -> collectExprVars(x, inner, true));
            out.addAll(outerOnly(inner, scope));
        }
        if (kind instanceof Expr.TermExpr te) {
            List<Term.Var> inner = new ArrayList<>();
            collectVars(te.term(), inner, true);
            out.addAll(outerOnly(inner, scope));
        }
    }

    /** Needs when {@code pattern} is matched against the value of {@code ground}. */
    private Set<String> unifyNeeds(Term pattern, Term ground, Scope scope, Set<String> bound) {
        Set<String> m = valueNeeds(ground, scope);
        m.addAll(patternNeeds(pattern, scope));
        m.removeAll(bound);
        return m;
    }

    /** The variables bound once an expression has succeeded. */
    private Set<String> bindsAfter(Expr e, Scope scope) {
        Set<String> out = new HashSet<>();
        if (e.negated() || e.kind() instanceof Expr.Every || e.kind() instanceof Expr.SomeVars) {
            return out;
        }
        List<Term.Var> vars = new ArrayList<>();
        collectExprVars(e, vars, false);
        for (Term.Var v : vars) {
            if (!v.isWildcard() && scope.isLocal(v.name())) {
                out.add(v.name());
            }
        }
        return out;
    }

    private void requireSafe(Term t, Scope scope, Set<String> bound, Location at) {
        Set<String> m = valueNeeds(t, scope);
        List<Term.Var> all = new ArrayList<>();
        collectVars(t, all, false);
        for (Term.Var v : all) {
            if (!v.isWildcard() && scope.isLocal(v.name())) {
                m.add(v.name());
            }
        }
        m.removeAll(bound);
        if (!m.isEmpty()) {
            String v = sorted(m).get(0);
            Location loc = at;
            for (Term.Var tv : all) {
                if (tv.name().equals(v)) {
                    loc = tv.location();
                    break;
                }
            }
            throw new CompileError("rego_unsafe_var_error", "var " + BodyRewriter.displayName(v) + " is unsafe", loc);
        }
    }

    // ---------------------------------------------------------------- expressions

    private Goal expr(Expr e, Scope scope, Set<String> bound, int captureSlot) {
        Set<String> before = e.negated() ? new HashSet<>(bound) : null;
        List<WithModifier> mods = e.withs().isEmpty() ? List.of() : withModifiers(e.withs(), scope, bound);
        Goal core = core(e, scope, bound, captureSlot >= 0 && !e.negated() ? captureSlot : -1);
        if (core == null) {
            core = new Goals.Truth(new Producers.Const(BooleanValue.TRUE));
        }
        if (e.negated()) {
            bound.clear();
            bound.addAll(before);
            core = new Goals.Not(core);
        }
        Goal g = mods.isEmpty() ? core : new Goals.With(core, mods);
        boolean captured = core instanceof Goals.Capture;
        if (captureSlot >= 0 && !captured) {
            g = new Goals.CaptureTrue(g, captureSlot);
        }
        return g;
    }

    private Goal core(Expr e, Scope scope, Set<String> bound, int captureSlot) {
        return switch (e.kind()) {
            case Expr.TermExpr te -> termExpr(te.term(), scope, bound, captureSlot, e.location());
            case Expr.SomeVars sv -> null;
            case Expr.SomeIn si -> {
                if (staticType(si.collection(), scope) instanceof io.changegate.rego.builtins.Type.Named n) {
                    throw new CompileError("rego_type_error", "match error\n\tleft  : " + n.describe()
                            + "\n\tright : any<array[any], object[any: any], set[any]>", si.collection().location());
                }
                Producer coll = producer(si.collection(), scope, bound);
                Pattern key = si.key() == null ? null : pattern(si.key(), scope, bound);
                Pattern value = pattern(si.value(), scope, bound);
                yield new Goals.SomeIn(coll, key, value);
            }
            case Expr.Every ev -> {
                Producer domain = producer(ev.domain(), scope, bound);
                Scope inner = new Scope(scope);
                if (ev.key() != null) {
                    declarePatternVars(ev.key(), inner);
                }
                declarePatternVars(ev.value(), inner);
                Set<String> innerBound = new HashSet<>(bound);
                Pattern key = ev.key() == null ? null : pattern(ev.key(), inner, innerBound);
                Pattern value = pattern(ev.value(), inner, innerBound);
                Goal body = planBody(ev.body().exprs(), inner, innerBound);
                yield new Goals.Every(domain, key, value, body);
            }
            case Expr.Block bl -> {
                // Planned like a closure; the caller negates it.
                Goal body = planBody(bl.body().exprs(), new Scope(scope), new HashSet<>(bound));
                yield body == null ? new Goals.Truth(new Producers.Const(BooleanValue.TRUE)) : body;
            }
        };
    }

    private Goal termExpr(Term t, Scope scope, Set<String> bound, int captureSlot, Location loc) {
        if (t instanceof Term.Call call) {
            String op = operatorName(call.operator());
            List<Term> args = call.args();
            switch (op) {
                case "eq" -> {
                    return unify(args.get(0), args.get(1), scope, bound);
                }
                case "assign" -> {
                    checkAssignable(args.get(0), scope, bound);
                    if (args.get(0) instanceof Term.Var v) {
                        io.changegate.rego.builtins.Type assigned = staticType(args.get(1), scope);
                        if (assigned != null) {
                            varTypes.put(v.name(), assigned);
                        }
                    }
                    Producer rhs = producer(args.get(1), scope, bound);
                    return new Goals.Unify(rhs, pattern(args.get(0), scope, bound));
                }
                case "print" -> {
                    List<Producer> ps = new ArrayList<>();
                    for (Term a : args) {
                        ps.add(producer(a, scope, bound));
                    }
                    return new Goals.Print(ps);
                }
                default -> {
                    Call resolved = resolveCall(call, scope);
                    if (resolved != null && args.size() == resolved.callee.arity() + 1 && resolved.callee.arity() >= 0) {
                        // The old "output argument" form: count(xs, n) means n = count(xs).
                        Term.Call inner = new Term.Call(call.operator(), args.subList(0, args.size() - 1), call.location());
                        return unify(args.get(args.size() - 1), inner, scope, bound);
                    }
                }
            }
        }
        Producer p = producer(t, scope, bound);
        // As OPA: a query of one expression reports its value even when false; in a longer query a
        // false expression fails like any other.
        return captureSlot >= 0 ? new Goals.Capture(p, captureSlot, queryLength > 1) : new Goals.Truth(p);
    }

    /** Rejects assignments to anything but variables and patterns of them (redeclaration is checked by the rewriter). */
    private void checkAssignable(Term lhs, Scope scope, Set<String> bound) {
        switch (lhs) {
            case Term.Var v -> {
                if (v.name().equals("input") || v.name().equals("data")) {
                    throw new CompileError("rego_compile_error",
                            "variables must not shadow " + v.name() + " (use a different variable name)", v.location());
                }
            }
            case Term.ArrayTerm a -> a.elements().forEach(x -> checkAssignable(x, scope, bound));
            case Term.ObjectTerm o -> o.entries().forEach(x -> checkAssignable(x.value(), scope, bound));
            case Term.Scalar s -> throw new CompileError("rego_compile_error",
                    "cannot assign to " + s.value().typeName(), s.location());
            case Term.Ref r when r.head() instanceof Term.Var v
                    && (v.name().equals("input") || v.name().equals("data")) -> throw new CompileError(
                    "rego_compile_error", "variables must not shadow " + v.name() + " (use a different variable name)",
                    r.location());
            default -> throw new CompileError("rego_compile_error",
                    "cannot assign to " + kindName(lhs), lhs.location());
        }
    }

    private static String kindName(Term t) {
        return switch (t) {
            case Term.Ref r -> "ref";
            case Term.Call c -> "call";
            case Term.SetTerm s -> "set";
            case Term.ArrayComprehension c -> "arraycomprehension";
            case Term.SetComprehension c -> "setcomprehension";
            case Term.ObjectComprehension c -> "objectcomprehension";
            default -> "term";
        };
    }

    private Goal unify(Term a, Term b, Scope scope, Set<String> bound) {
        io.changegate.rego.builtins.Type ta = staticType(a, scope);
        io.changegate.rego.builtins.Type tb = staticType(b, scope);
        if (ta instanceof io.changegate.rego.builtins.Type.Named na && tb instanceof io.changegate.rego.builtins.Type.Named nb
                && !na.name().equals(nb.name())) {
            throw new CompileError("rego_type_error", "match error\n\tleft  : " + na.describe() + "\n\tright : "
                    + nb.describe(), a.location());
        }
        if (a instanceof Term.ArrayTerm x && b instanceof Term.ArrayTerm y) {
            if (x.elements().size() != y.elements().size()) {
                return new Goals.Fail();
            }
            // Element-wise unification (of arrays the rewriter could not split, e.g. under with).
            List<Expr> parts = new ArrayList<>();
            for (int i = 0; i < x.elements().size(); i++) {
                parts.add(BodyRewriter.eq(x.elements().get(i), y.elements().get(i), a.location()));
            }
            Goal g = planBody(parts, scope, bound);
            return g == null ? new Goals.Truth(new Producers.Const(BooleanValue.TRUE)) : g;
        }
        boolean bGround = (valueNeeds(b, scope).isEmpty() || bound.containsAll(valueNeeds(b, scope)));
        boolean aPatternOk = bound.containsAll(patternNeeds(a, scope));
        boolean aHasFree = hasFreeVars(a, scope, bound);
        if (bGround && aPatternOk && (aHasFree || !hasFreeVars(b, scope, bound))) {
            Producer pb = producer(b, scope, bound);
            return new Goals.Unify(pb, pattern(a, scope, bound));
        }
        Producer pa = producer(a, scope, bound);
        return new Goals.Unify(pa, pattern(b, scope, bound));
    }

    /** Whether a term, used as a pattern, has variables that are not yet bound. */
    private boolean hasFreeVars(Term t, Scope scope, Set<String> bound) {
        return switch (t) {
            case Term.Var v -> !v.isWildcard() ? scope.isLocal(v.name()) && !bound.contains(v.name()) : true;
            case Term.ArrayTerm a -> a.elements().stream().anyMatch(x -> hasFreeVars(x, scope, bound));
            case Term.ObjectTerm o -> o.entries().stream().anyMatch(x -> hasFreeVars(x.value(), scope, bound));
            default -> false;
        };
    }

    private List<WithModifier> withModifiers(List<Expr.With> withs, Scope scope, Set<String> bound) {
        List<WithModifier> out = new ArrayList<>();
        for (Expr.With w : withs) {
            out.add(withModifier(w, scope, bound));
        }
        return out;
    }

    private WithModifier withModifier(Expr.With w, Scope scope, Set<String> bound) {
        List<Term> parts = w.target().parts();
        String head = parts.get(0) instanceof Term.Var v ? v.name() : "";
        if (head.equals("input")) {
            return WithModifier.input(constantPath(parts, 1, w.location()), producer(w.value(), scope, bound));
        }
        Term.Ref target = w.target();
        if (!head.equals("data")) {
            Term.Ref resolved = module.resolve(head, w.location());
            if (resolved != null) {
                List<Term> expanded = new ArrayList<>(resolved.parts());
                expanded.addAll(parts.subList(1, parts.size()));
                target = new Term.Ref(expanded, w.location());
            }
        }
        if (target.head() instanceof Term.Var tv && tv.name().equals("data")) {
            List<Value> path = constantPath(target.parts(), 1, w.location());
            DocNode node = compiler.root;
            for (Value k : path) {
                node = node == null ? null : node.child(k);
            }
            if (node != null && node.group != null && node.group.kind == RuleGroup.Kind.FUNCTION) {
                return functionWith(node.group.name, w, scope, bound);
            }
            return WithModifier.data(path, producer(w.value(), scope, bound));
        }
        String name = operatorName(w.target());
        if (compiler.builtin(name) != null || name.equals("print")) {
            return functionWith(name, w, scope, bound);
        }
        throw new CompileError("rego_type_error",
                "with keyword target must reference existing input, data, or a function", w.location());
    }

    /** Whether a {@code with} value names a function or builtin (a replacement) rather than a value. */
    private boolean namesFunction(Term value, Scope scope) {
        Term.Ref ref = value instanceof Term.Ref r ? r
                : value instanceof Term.Var v ? new Term.Ref(List.of(v), v.location()) : null;
        if (ref == null || ref.head() instanceof Term.Var hv && scope.lookup(hv.name()) != null) {
            return false;
        }
        Call target = resolveCall(new Term.Call(ref, List.of(), value.location()), scope);
        return target != null;
    }

    private WithModifier functionWith(String name, Expr.With w, Scope scope, Set<String> bound) {
        if (namesFunction(w.value(), scope)) {
            Term.Ref ref = w.value() instanceof Term.Ref r ? r : new Term.Ref(List.of(w.value()), w.value().location());
            Call target = resolveCall(new Term.Call(ref, List.of(), w.location()), scope);
            Call original = resolveCall(new Term.Call(w.target(), List.of(), w.location()), scope);
            if (original != null && original.callee.arity() != target.callee.arity()) {
                throw new CompileError("rego_type_error", name + ": arity mismatch", w.location());
            }
            return WithModifier.functionReplacement(name, target.callee);
        }
        return WithModifier.functionValue(name, producer(w.value(), scope, bound));
    }

    private static List<Value> constantPath(List<Term> parts, int from, Location at) {
        List<Value> path = new ArrayList<>();
        for (int i = from; i < parts.size(); i++) {
            if (parts.get(i) instanceof Term.Scalar s) {
                path.add(s.value());
            } else {
                throw new CompileError("rego_compile_error",
                        "with keyword target must reference existing input, data, or a function", at);
            }
        }
        return path;
    }

    // ---------------------------------------------------------------- terms

    private Producer producer(Term t, Scope scope, Set<String> bound) {
        return switch (t) {
            case Term.Scalar s -> new Producers.Const(s.value());
            case Term.Var v -> variable(v, scope, bound);
            case Term.Ref r -> ref(r, scope, bound);
            case Term.ArrayTerm a -> {
                List<Producer> ps = new ArrayList<>();
                for (Term x : a.elements()) {
                    ps.add(producer(x, scope, bound));
                }
                Value[] constants = constants(ps);
                yield constants != null ? new Producers.Const(ArrayValue.wrap(constants)) : new Producers.CollectionLiteral(ps, false);
            }
            case Term.SetTerm a -> {
                List<Producer> ps = new ArrayList<>();
                for (Term x : a.elements()) {
                    ps.add(producer(x, scope, bound));
                }
                Value[] constants = constants(ps);
                yield constants != null ? new Producers.Const(SetValue.of(constants)) : new Producers.CollectionLiteral(ps, true);
            }
            case Term.ObjectTerm o -> object(o, scope, bound);
            case Term.Call c -> call(c, scope, bound);
            case Term.ArrayComprehension c when indexable(c, c.head(), c.body(), scope) >= 0 ->
                    indexedComprehension(c, c.head(), c.body(), scope, bound, false);
            case Term.SetComprehension c when indexable(c, c.head(), c.body(), scope) >= 0 ->
                    indexedComprehension(c, c.head(), c.body(), scope, bound, true);
            case Term.ArrayComprehension c -> {
                Scope inner = new Scope(scope);
                Set<String> b = new HashSet<>(bound);
                Planned body = planBody(c.body().exprs(), inner, b, null, Set.of());
                Term head = BodyRewriter.renameTerm(c.head(), body.renames());
                requireSafe(head, inner, b, c.location());
                yield new Producers.Comprehension(producer(head, inner, b), body.goal(), false);
            }
            case Term.SetComprehension c -> {
                Scope inner = new Scope(scope);
                Set<String> b = new HashSet<>(bound);
                Planned body = planBody(c.body().exprs(), inner, b, null, Set.of());
                Term head = BodyRewriter.renameTerm(c.head(), body.renames());
                requireSafe(head, inner, b, c.location());
                yield new Producers.Comprehension(producer(head, inner, b), body.goal(), true);
            }
            case Term.ObjectComprehension c -> {
                Scope inner = new Scope(scope);
                Set<String> b = new HashSet<>(bound);
                Planned body = planBody(c.body().exprs(), inner, b, null, Set.of());
                Term key = BodyRewriter.renameTerm(c.key(), body.renames());
                Term value = BodyRewriter.renameTerm(c.value(), body.renames());
                requireSafe(key, inner, b, c.location());
                requireSafe(value, inner, b, c.location());
                yield new Producers.ObjectComprehension(producer(key, inner, b), producer(value, inner, b),
                        body.goal(), c.location());
            }
        };
    }

    /**
     * The position of the body expression by which a comprehension can be indexed, or -1: an
     * equality whose one side uses only the comprehension's own variables and whose other side
     * holds every outer variable the comprehension reads, none of which appears anywhere else.
     * Then the comprehension without that equality is the same for every binding of the outer
     * variables, and its results can be grouped by key once per evaluation, as OPA does.
     */
    private int indexable(Term comprehension, Term head, io.changegate.rego.ast.Body body, Scope scope) {
        if (closureNeeds(comprehension, scope).isEmpty()) {
            return -1;
        }
        List<Expr> exprs = body.exprs();
        for (int i = 0; i < exprs.size(); i++) {
            Expr e = exprs.get(i);
            if (e.negated() || !e.withs().isEmpty() || !(e.kind() instanceof Expr.TermExpr te)
                    || !(te.term() instanceof Term.Call call)
                    || !(BodyRewriter.isCall(call, "equal") || BodyRewriter.isCall(call, "eq"))) {
                continue;
            }
            List<Expr> rest = new ArrayList<>(exprs);
            rest.remove(i);
            List<Term.Var> restVars = new ArrayList<>();
            rest.forEach(x -> collectExprVars(x, restVars, true));
            collectVars(head, restVars, true);
            if (!outerOnly(restVars, scope).isEmpty()) {
                continue;
            }
            Set<String> restNames = new HashSet<>();
            restVars.forEach(v -> restNames.add(v.name()));
            for (int side = 0; side < 2; side++) {
                Term local = call.args().get(side);
                Term key = call.args().get(1 - side);
                List<Term.Var> localVars = new ArrayList<>();
                collectVars(local, localVars, true);
                List<Term.Var> keyVars = new ArrayList<>();
                collectVars(key, keyVars, true);
                boolean localOnly = !localVars.isEmpty() && outerOnly(localVars, scope).isEmpty()
                        && localVars.stream().allMatch(v -> !v.isWildcard() && restNames.contains(v.name()));
                boolean keyOuterOnly = !keyVars.isEmpty()
                        && keyVars.stream().allMatch(v -> !v.isWildcard() && scope.lookup(v.name()) != null);
                if (localOnly && keyOuterOnly) {
                    return i * 2 + side;
                }
            }
        }
        return -1;
    }

    private Producer indexedComprehension(Term c, Term head, io.changegate.rego.ast.Body body, Scope scope,
                                          Set<String> bound, boolean set) {
        int at = indexable(c, head, body, scope);
        Term.Call eq = (Term.Call) ((Expr.TermExpr) body.exprs().get(at / 2).kind()).term();
        Term local = eq.args().get(at % 2);
        Term key = eq.args().get(1 - at % 2);
        List<Expr> rest = new ArrayList<>(body.exprs());
        rest.remove(at / 2);
        Producer outerKey = producer(key, scope, bound);
        Scope inner = new Scope(scope);
        Set<String> b = new HashSet<>();
        Planned planned = planBody(rest, inner, b, null, Set.of());
        Term localKey = BodyRewriter.renameTerm(local, planned.renames());
        Term renamedHead = BodyRewriter.renameTerm(head, planned.renames());
        requireSafe(localKey, inner, b, c.location());
        requireSafe(renamedHead, inner, b, c.location());
        return new Producers.IndexedComprehension(outerKey, planned.goal(), producer(localKey, inner, b),
                producer(renamedHead, inner, b), set);
    }

    private static Value[] constants(List<Producer> ps) {
        Value[] out = new Value[ps.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = ps.get(i).constant();
            if (out[i] == null) {
                return null;
            }
        }
        return out;
    }

    private Producer object(Term.ObjectTerm o, Scope scope, Set<String> bound) {
        List<Producer> keys = new ArrayList<>();
        List<Producer> values = new ArrayList<>();
        for (Term.Entry e : o.entries()) {
            keys.add(producer(e.key(), scope, bound));
            values.add(producer(e.value(), scope, bound));
        }
        Value[] ks = constants(keys);
        Value[] vs = constants(values);
        if (ks != null && vs != null) {
            ObjectValue.Builder b = ObjectValue.builder(ks.length);
            Map<Value, Value> seen = new HashMap<>();
            for (int i = 0; i < ks.length; i++) {
                Value prev = seen.put(ks[i], vs[i]);
                if (prev != null && !prev.equals(vs[i])) {
                    return new Producers.ObjectLiteral(keys, values, o.location());
                }
                b.put(ks[i], vs[i]);
            }
            return new Producers.Const(b.build());
        }
        return new Producers.ObjectLiteral(keys, values, o.location());
    }

    private Producer variable(Term.Var v, Scope scope, Set<String> bound) {
        Integer slot = scope.lookup(v.name());
        if (slot != null) {
            if (!bound.contains(v.name())) {
                throw new CompileError("rego_unsafe_var_error", "var " + BodyRewriter.displayName(v.name()) + " is unsafe", v.location());
            }
            return new Producers.Slot(slot);
        }
        Term.Ref global = module.resolve(v.name(), v.location());
        if (global != null) {
            return ref(global, scope, bound);
        }
        throw new CompileError("rego_unsafe_var_error", "var " + BodyRewriter.displayName(v.name()) + " is unsafe", v.location());
    }

    private Producer ref(Term.Ref r, Scope scope, Set<String> bound) {
        List<Term> parts = r.parts();
        Term head = parts.get(0);
        Producer headProducer;
        int start = 1;
        if (head instanceof Term.Var v) {
            Integer slot = scope.lookup(v.name());
            if (slot != null) {
                if (!bound.contains(v.name())) {
                    throw new CompileError("rego_unsafe_var_error", "var " + BodyRewriter.displayName(v.name()) + " is unsafe", v.location());
                }
                if (parts.size() > 1 && varTypes.get(v.name()) instanceof io.changegate.rego.builtins.Type.Named) {
                    throw new CompileError("rego_type_error", "undefined ref: " + refText(r), r.location());
                }
                headProducer = new Producers.Slot(slot);
            } else if (v.name().equals("input")) {
                headProducer = new Producers.Input();
            } else if (v.name().equals("data")) {
                DocNode node = compiler.root;
                while (start < parts.size() && node.group == null
                        && parts.get(start) instanceof Term.Scalar s) {
                    node = node.childOrCreate(s.value());
                    start++;
                }
                if (node.group != null && node.group.kind == RuleGroup.Kind.FUNCTION) {
                    throw new CompileError("rego_type_error", "undefined ref: " + node.group.name, r.location());
                }
                if (node.group != null && start < parts.size()
                        && compiler.scalarType(node.group) != null) {
                    throw new CompileError("rego_type_error", "undefined ref: " + refText(r), r.location());
                }
                if (!node.path.isEmpty()) {
                    // A reference to all of data (data[x]) would make every rule depend on itself.
                    dependOn(node);
                }
                if (start < parts.size() && node.group == null && node.hasRules()) {
                    List<Producers.Selector> selectors = new ArrayList<>();
                    for (int i = start; i < parts.size(); i++) {
                        selectors.add(selector(parts.get(i), scope, bound));
                    }
                    return new Producers.DataWalk(node, selectors);
                }
                headProducer = new Producers.Data(node);
            } else {
                Term.Ref global = module.resolve(v.name(), v.location());
                if (global == null) {
                    throw new CompileError("rego_unsafe_var_error", "var " + BodyRewriter.displayName(v.name()) + " is unsafe", v.location());
                }
                List<Term> expanded = new ArrayList<>(global.parts());
                expanded.addAll(parts.subList(1, parts.size()));
                return ref(new Term.Ref(expanded, r.location()), scope, bound);
            }
        } else {
            headProducer = producer(head, scope, bound);
        }
        if (start == parts.size()) {
            return headProducer;
        }
        List<Producers.Selector> selectors = new ArrayList<>();
        for (int i = start; i < parts.size(); i++) {
            selectors.add(selector(parts.get(i), scope, bound));
        }
        return new Producers.Ref(headProducer, selectors);
    }

    private Producers.Selector selector(Term part, Scope scope, Set<String> bound) {
        if (part instanceof Term.Scalar s) {
            return new Producers.Selector.Key(s.value());
        }
        if (part instanceof Term.Var v) {
            if (v.isWildcard()) {
                return new Producers.Selector.Any();
            }
            Integer slot = scope.lookup(v.name());
            if (slot != null) {
                bound.add(v.name());
                return new Producers.Selector.Var(slot);
            }
            return new Producers.Selector.Computed(producer(v, scope, bound));
        }
        if (hasFreeVars(part, scope, bound)) {
            return new Producers.Selector.Matched(pattern(part, scope, bound));
        }
        Producer p = producer(part, scope, bound);
        Value c = p.constant();
        return c != null ? new Producers.Selector.Key(c) : new Producers.Selector.Computed(p);
    }

    private Pattern pattern(Term t, Scope scope, Set<String> bound) {
        switch (t) {
            case Term.Var v -> {
                if (v.isWildcard()) {
                    return new Patterns.Any();
                }
                Integer slot = scope.lookup(v.name());
                if (slot == null) {
                    return new Patterns.Ground(producer(v, scope, bound));
                }
                bound.add(v.name());
                return new Patterns.Slot(slot);
            }
            case Term.ArrayTerm a when hasFreeVars(a, scope, bound) -> {
                List<Pattern> ps = new ArrayList<>();
                for (Term x : a.elements()) {
                    ps.add(pattern(x, scope, bound));
                }
                return new Patterns.ArrayPattern(ps);
            }
            case Term.ObjectTerm o when hasFreeVars(o, scope, bound) -> {
                List<Producer> keys = new ArrayList<>();
                List<Pattern> values = new ArrayList<>();
                for (Term.Entry e : o.entries()) {
                    keys.add(producer(e.key(), scope, bound));
                    values.add(pattern(e.value(), scope, bound));
                }
                return new Patterns.ObjectPattern(keys, values);
            }
            default -> {
                return new Patterns.Ground(producer(t, scope, bound));
            }
        }
    }

    // ---------------------------------------------------------------- calls

    /** A resolved call target. */
    private record Call(String name, EvalContext.Callable callee) {
    }

    static String operatorName(Term.Ref op) {
        StringBuilder sb = new StringBuilder();
        for (Term p : op.parts()) {
            if (!sb.isEmpty()) {
                sb.append('.');
            }
            if (p instanceof Term.Var v) {
                sb.append(v.name());
            } else if (p instanceof Term.Scalar s && s.value() instanceof StringValue sv) {
                sb.append(sv.value());
            } else {
                sb.append(p);
            }
        }
        return sb.toString();
    }

    /** Resolves a call's operator to a function rule or a builtin, or returns null. */
    private Call resolveCall(Term.Call call, Scope scope) {
        Term.Ref op = call.operator();
        String name = operatorName(op);
        if (name.equals("internal.member_2")) {
            return new Call(name, Membership.VALUE);
        }
        if (name.equals("internal.member_3")) {
            return new Call(name, Membership.KEY_VALUE);
        }
        if (op.head() instanceof Term.Var v && scope.lookup(v.name()) == null) {
            Term.Ref ref = op;
            if (!v.name().equals("data")) {
                Term.Ref global = module.resolve(v.name(), v.location());
                if (global != null) {
                    List<Term> expanded = new ArrayList<>(global.parts());
                    expanded.addAll(op.parts().subList(1, op.parts().size()));
                    ref = new Term.Ref(expanded, op.location());
                }
            }
            if (ref.head() instanceof Term.Var hv && hv.name().equals("data")) {
                DocNode node = compiler.root;
                for (int i = 1; i < ref.parts().size() && node != null; i++) {
                    node = ref.parts().get(i) instanceof Term.Scalar s ? node.child(s.value()) : null;
                }
                if (node != null && node.group != null && node.group.kind == RuleGroup.Kind.FUNCTION) {
                    dependOn(node);
                    return new Call(node.group.name, node.group);
                }
                if (node == null || node.group == null) {
                    return null;
                }
                return null;
            }
        }
        BuiltinCallable b = compiler.builtin(name);
        return b == null ? null : new Call(name, b);
    }

    private Producer call(Term.Call call, Scope scope, Set<String> bound) {
        String name = operatorName(call.operator());
        if (name.equals("rego.metadata.rule") && call.args().isEmpty()) {
            Value v = currentRule == null ? null : Compiler.ruleAnnotations(currentRule, "rule");
            return new Producers.Const(v == null ? ObjectValue.EMPTY : v);
        }
        if (name.equals("rego.metadata.chain") && call.args().isEmpty()) {
            return new Producers.Const(currentRule == null || owner == null ? ArrayValue.EMPTY
                    : compiler.metadataChain(currentRule, module.module, owner.path));
        }
        Call target = resolveCall(call, scope);
        if (target == null) {
            throw new CompileError("rego_type_error", "undefined function " + name, call.location());
        }
        if (target.callee instanceof BuiltinCallable b) {
            if (TypeCheck.DEPRECATED.contains(name) && isRegoV1()) {
                throw new CompileError("rego_type_error", "deprecated built-in function calls in expression: " + name,
                        call.location());
            }
            String mismatch = TypeCheck.check(b.builtin.decl(), call.args(), varTypes);
            if (mismatch != null) {
                throw new CompileError("rego_type_error", mismatch, call.location());
            }
        }
        int arity = target.callee.arity();
        if (arity != call.args().size()) {
            if (target.callee instanceof RuleGroup g) {
                throw new CompileError("rego_type_error", "function " + g.name + " has arity " + arity + ", got "
                        + call.args().size() + " arguments", call.location());
            }
            throw new CompileError("rego_type_error", name + ": arity mismatch", call.location());
        }
        // Evaluate first the arguments that are ready, so references bind what later arguments read.
        int n = call.args().size();
        Producer[] args = new Producer[n];
        int[] order = new int[n];
        boolean[] done = new boolean[n];
        for (int k = 0; k < n; k++) {
            int pick = -1;
            for (int i = 0; i < n && pick < 0; i++) {
                if (!done[i] && bound.containsAll(valueNeeds(call.args().get(i), scope))) {
                    pick = i;
                }
            }
            if (pick < 0) {
                for (int i = 0; i < n && pick < 0; i++) {
                    pick = done[i] ? -1 : i;
                }
            }
            done[pick] = true;
            order[k] = pick;
            args[pick] = producer(call.args().get(pick), scope, bound);
        }
        return new Producers.Call(target.name, target.callee, List.of(args), order, call.location());
    }

    /** A reference as OPA prints it in type errors, with a local variable under its source name. */
    private static String refText(Term.Ref r) {
        Term head = r.head();
        if (head instanceof Term.Var v && v.name().indexOf(BodyRewriter.SUFFIX) >= 0) {
            List<Term> parts = new ArrayList<>(r.parts());
            parts.set(0, new Term.Var(BodyRewriter.displayName(v.name()), v.location()));
            r = new Term.Ref(parts, r.location());
        }
        return io.changegate.rego.parser.RegoPrinter.print(r);
    }

    /** The type of a term when known while compiling: literals, typed variables, builtin results. */
    private io.changegate.rego.builtins.Type staticType(Term t, Scope scope) {
        if (isLiteral(t)) {
            return TypeCheck.typeOf(t, Map.of());
        }
        if (t instanceof Term.Var v && scope.lookup(v.name()) != null) {
            return varTypes.get(v.name());
        }
        if (t instanceof Term.Call c && !operatorName(c.operator()).equals("eq")) {
            Call target = resolveCall(c, scope);
            if (target != null && target.callee instanceof BuiltinCallable b
                    && b.builtin.decl().resultType() instanceof io.changegate.rego.builtins.Type rt
                    && !(rt instanceof io.changegate.rego.builtins.Type.OneOf)
                    && !(rt instanceof io.changegate.rego.builtins.Type.Any)
                    && c.args().size() == b.builtin.decl().arity()) {
                return rt;
            }
        }
        return null;
    }

    private static boolean isLiteral(Term t) {
        return switch (t) {
            case Term.Scalar s -> true;
            case Term.ArrayTerm a -> a.elements().stream().allMatch(BodyPlanner::isLiteral);
            case Term.SetTerm a -> a.elements().stream().allMatch(BodyPlanner::isLiteral);
            case Term.ObjectTerm o -> o.entries().stream().allMatch(e -> isLiteral(e.key()) && isLiteral(e.value()));
            default -> false;
        };
    }

    /** Whether the module imports future.keywords.not or rego.v2, under which {@code not} negates its whole expression. */
    private boolean negatesWholeExpressions() {
        io.changegate.rego.ast.Module m = module.module;
        return m != null && m.imports().stream().anyMatch(i -> {
            String path = i.path().parts().stream()
                    .map(t -> t instanceof Term.Var v ? v.name() : ((Term.Scalar) t).value() instanceof StringValue sv
                            ? sv.value() : "")
                    .collect(java.util.stream.Collectors.joining("."));
            return path.equals("future.keywords.not") || path.equals("rego.v2");
        });
    }

    /** Whether the code being planned follows Rego v1 (a v1 module, a v0 one importing rego.v1, or a query). */
    private boolean isRegoV1() {
        io.changegate.rego.ast.Module m = module.module;
        if (m == null || m.version() == io.changegate.rego.ast.RegoVersion.V1) {
            return true;
        }
        return m.imports().stream().anyMatch(i -> i.path().parts().size() == 2
                && i.path().head() instanceof Term.Var v && v.name().equals("rego"));
    }

    // ---------------------------------------------------------------- dependencies

    private void dependOn(DocNode node) {
        if (owner != null) {
            compiler.dependOn(owner, node);
        }
    }
}
