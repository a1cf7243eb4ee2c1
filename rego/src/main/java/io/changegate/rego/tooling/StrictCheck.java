package io.changegate.rego.tooling;

import io.changegate.rego.RegoError;
import io.changegate.rego.ast.Body;
import io.changegate.rego.ast.Expr;
import io.changegate.rego.ast.Import;
import io.changegate.rego.ast.Location;
import io.changegate.rego.ast.Module;
import io.changegate.rego.ast.Rule;
import io.changegate.rego.ast.Term;
import io.changegate.rego.builtins.Builtin;
import io.changegate.rego.builtins.BuiltinRegistry;
import io.changegate.rego.parser.RegoPrinter;
import io.changegate.rego.value.StringValue;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * The checks OPA's compiler adds in strict mode ({@code opa check --strict}), as an analysis of
 * parsed modules beside the compiler rather than inside it.
 *
 * <p>OPA runs them as stages of its compiler, and a stage that finds errors ends compilation, so
 * they run here in OPA's order and the first stage with errors is the one reported: unused
 * imports; {@code input} and {@code data} shadowed by rules or assignments; duplicate imports;
 * unused local assignments and function arguments. Calls of deprecated builtins are reported by
 * {@link #afterCompile}, since OPA checks them only once everything else compiled.
 */
public final class StrictCheck {
    /** OPA's default limit: the errors after it are replaced by one "error limit reached". */
    static final int MAX_ERRORS = 10;

    private StrictCheck() {
    }

    /** The errors of the first strict stage that finds any, sorted and capped as OPA reports them; empty when none. */
    public static List<RegoError> beforeCompile(List<Module> modules) {
        List<Module> sorted = new ArrayList<>(modules);
        sorted.sort(Comparator.comparing(Module::file));
        for (int stage = 0; stage < 4; stage++) {
            List<RegoError> errors = new ArrayList<>();
            for (Module m : sorted) {
                switch (stage) {
                    case 0 -> unusedImports(m, errors);
                    case 1 -> keywordOverrides(m, errors);
                    case 2 -> duplicateImports(m, errors);
                    default -> unusedLocals(m, errors);
                }
            }
            if (!errors.isEmpty()) {
                // Nested scopes are reached from each enclosing one: report each finding once.
                return limited(new ArrayList<>(new java.util.LinkedHashSet<>(errors)));
            }
        }
        return List.of();
    }

    /** Calls of builtins OPA deprecated ({@code any}, {@code re_match}, {@code cast_*}, …), as {@code rego_type_error}s. */
    public static List<RegoError> afterCompile(List<Module> modules, BuiltinRegistry builtins) {
        List<Module> sorted = new ArrayList<>(modules);
        sorted.sort(Comparator.comparing(Module::file));
        List<RegoError> errors = new ArrayList<>();
        for (Module m : sorted) {
            for (Rule r : m.rules()) {
                Walk.rule(r, term -> {
                    if (term instanceof Term.Call c) {
                        String name = RegoPrinter.print(c.operator());
                        Builtin b = builtins.get(name);
                        if (b != null && b.decl().deprecated()) {
                            errors.add(new RegoError("rego_type_error",
                                    "deprecated built-in function calls in expression: " + name, c.location()));
                        }
                    }
                });
            }
        }
        return limited(errors);
    }

    /** The first {@value #MAX_ERRORS} errors sorted by place then text, then OPA's "error limit reached" if more. */
    static List<RegoError> limited(List<RegoError> errors) {
        List<RegoError> kept = new ArrayList<>(errors.subList(0, Math.min(MAX_ERRORS, errors.size())));
        kept.sort(Comparator.comparing((RegoError e) -> e.location().file())
                .thenComparingInt(e -> e.location().row())
                .thenComparingInt(e -> e.location().col())
                .thenComparing(RegoError::message));
        if (errors.size() > MAX_ERRORS) {
            kept.add(new RegoError("rego_compile_error", "error limit reached", null));
        }
        return List.copyOf(kept);
    }

    // ------------------------------------------------------------------ imports

    /** The name an import binds: its alias, else the last element of its path. */
    private static String importName(Import imp) {
        if (imp.alias() != null && !imp.alias().isEmpty()) {
            return imp.alias();
        }
        Term last = imp.path().parts().getLast();
        return last instanceof Term.Var v ? v.name()
                : last instanceof Term.Scalar s && s.value() instanceof StringValue sv ? sv.value() : "";
    }

    private static String importText(Import imp) {
        return "import " + RegoPrinter.print(imp.path()) + (imp.alias() != null && !imp.alias().isEmpty()
                ? " as " + imp.alias() : "");
    }

    private static boolean isKeywordImport(Import imp) {
        return imp.path().head() instanceof Term.Var v && (v.name().equals("future") || v.name().equals("rego"));
    }

    private static void unusedImports(Module m, List<RegoError> errors) {
        Set<String> referenced = new java.util.HashSet<>();
        for (Rule r : m.rules()) {
            // The rule's own name is not a reference to an import of the same name.
            Walk.rule(r, t -> {
                if (t instanceof Term.Var v && t != r.head().ref().head()) {
                    referenced.add(v.name());
                }
            });
        }
        for (Import imp : m.imports()) {
            if (!isKeywordImport(imp) && !referenced.contains(importName(imp))) {
                errors.add(new RegoError("rego_compile_error", importText(imp) + " unused", imp.location()));
            }
        }
    }

    private static void duplicateImports(Module m, List<RegoError> errors) {
        Map<String, Import> seen = new HashMap<>();
        for (Import imp : m.imports()) {
            Import first = seen.putIfAbsent(importName(imp), imp);
            if (first != null) {
                errors.add(new RegoError("rego_compile_error", "import must not shadow " + importText(first),
                        imp.location()));
            }
        }
    }

    // ------------------------------------------------------------------ input and data

    private static boolean isRootDocument(String name) {
        return name.equals("input") || name.equals("data");
    }

    private static void keywordOverrides(Module m, List<RegoError> errors) {
        for (Rule r : m.rules()) {
            for (Rule branch = r; branch != null; branch = branch.elseRule()) {
                if (branch.head().ref().head() instanceof Term.Var v && isRootDocument(v.name())) {
                    errors.add(new RegoError("rego_compile_error",
                            "rules must not shadow " + v.name() + " (use a different rule name)", branch.location()));
                }
            }
            Walk.exprs(r, e -> {
                Term lhs = assigned(e);
                // The parser reads a lone `input` or `data` as a reference to the document.
                if (lhs instanceof Term.Ref ref && ref.parts().size() == 1) {
                    lhs = ref.head();
                }
                if (lhs instanceof Term.Var v && isRootDocument(v.name())) {
                    errors.add(new RegoError("rego_compile_error",
                            "variables must not shadow " + v.name() + " (use a different variable name)", e.location()));
                }
            });
        }
    }

    /** The left-hand side of {@code lhs := rhs}, or null when the expression is no assignment. */
    private static Term assigned(Expr e) {
        if (e.kind() instanceof Expr.TermExpr t && t.term() instanceof Term.Call c && c.args().size() == 2
                && c.operator().parts().size() == 1 && c.operator().head() instanceof Term.Var op
                && op.name().equals("assign")) {
            return c.args().get(0);
        }
        return null;
    }

    // ------------------------------------------------------------------ unused locals

    private static void unusedLocals(Module m, List<RegoError> errors) {
        for (Rule r : m.rules()) {
            if (r.head().isFunction()) {
                unusedArguments(r, errors);
            }
            for (Rule branch = r; branch != null; branch = branch.elseRule()) {
                Rule.Head h = branch.head();
                List<Term> head = new ArrayList<>(h.ref().parts());
                if (h.args() != null) {
                    head.addAll(h.args());
                }
                if (h.key() != null) {
                    head.add(h.key());
                }
                if (h.value() != null) {
                    head.add(h.value());
                }
                unusedAssignments(branch.body(), head, errors);
                for (Term t : head) {
                    Walk.term(t, x -> nestedScopes(x, errors), e -> {
                    });
                }
            }
        }
    }

    /**
     * Each variable assigned with {@code :=} in a body must occur again in that body (nested
     * bodies included) or in the terms the body produces; then the nested bodies are checked.
     */
    private static void unusedAssignments(Body body, List<Term> produced, List<RegoError> errors) {
        if (body == null || body.exprs().isEmpty()) {
            return;
        }
        Map<String, Integer> occurrences = new HashMap<>();
        Consumer<Term> count = t -> {
            if (t instanceof Term.Var v && !v.isWildcard()) {
                occurrences.merge(v.name(), 1, Integer::sum);
            }
        };
        produced.forEach(t -> Walk.term(t, count, e -> {
        }));
        Map<String, Expr> declaredBy = new LinkedHashMap<>();
        for (Expr e : body.exprs()) {
            Walk.expr(e, count, x -> {
            });
            Term lhs = assigned(e);
            if (lhs != null) {
                Walk.term(lhs, t -> {
                    if (t instanceof Term.Var v && !v.isWildcard()) {
                        declaredBy.putIfAbsent(v.name(), e);
                    }
                }, x -> {
                });
            }
        }
        for (String name : new TreeSet<>(declaredBy.keySet())) {
            if (occurrences.getOrDefault(name, 0) <= 1) {
                errors.add(new RegoError("rego_compile_error", "assigned var " + name + " unused",
                        declaredBy.get(name).location()));
            }
        }
        for (Expr e : body.exprs()) {
            switch (e.kind()) {
                case Expr.Every ev -> unusedAssignments(ev.body(), List.of(), errors);
                case Expr.Block b -> unusedAssignments(b.body(), List.of(), errors);
                default -> {
                }
            }
            Walk.expr(e, t -> nestedScopes(t, errors), x -> {
            });
        }
    }

    /** Comprehensions are scopes of their own: their bodies produce their heads. */
    private static void nestedScopes(Term t, List<RegoError> errors) {
        switch (t) {
            case Term.ArrayComprehension c -> unusedAssignments(c.body(), List.of(c.head()), errors);
            case Term.SetComprehension c -> unusedAssignments(c.body(), List.of(c.head()), errors);
            case Term.ObjectComprehension c -> unusedAssignments(c.body(), List.of(c.key(), c.value()), errors);
            default -> {
            }
        }
    }

    /** A function's argument variables must occur in its body or value, in any of its else branches. */
    private static void unusedArguments(Rule r, List<RegoError> errors) {
        Set<String> used = new java.util.HashSet<>();
        Consumer<Term> collect = t -> {
            if (t instanceof Term.Var v) {
                used.add(v.name());
            }
        };
        for (Rule branch = r; branch != null; branch = branch.elseRule()) {
            if (branch.body() != null) {
                branch.body().exprs().forEach(e -> Walk.expr(e, collect, x -> {
                }));
            }
            if (branch.head().value() != null) {
                Walk.term(branch.head().value(), collect, x -> {
                });
            }
        }
        Set<String> args = new TreeSet<>();
        for (Term a : r.head().args()) {
            Walk.term(a, t -> {
                if (t instanceof Term.Var v && !v.isWildcard()) {
                    args.add(v.name());
                }
            }, x -> {
            });
        }
        Location at = r.head().location();
        for (String arg : args) {
            if (!used.contains(arg)) {
                errors.add(new RegoError("rego_compile_error",
                        "unused argument " + arg + ". (hint: use _ (wildcard variable) instead)", at));
            }
        }
    }

    // ------------------------------------------------------------------ walking

    /** Visits every term and expression of a rule, nested ones included. */
    static final class Walk {
        private Walk() {
        }

        static void rule(Rule r, Consumer<Term> terms) {
            for (Rule branch = r; branch != null; branch = branch.elseRule()) {
                Rule.Head h = branch.head();
                term(h.ref(), terms, e -> {
                });
                if (h.args() != null) {
                    h.args().forEach(a -> term(a, terms, e -> {
                    }));
                }
                if (h.key() != null) {
                    term(h.key(), terms, e -> {
                    });
                }
                if (h.value() != null) {
                    term(h.value(), terms, e -> {
                    });
                }
                body(branch.body(), terms, e -> {
                });
            }
        }

        static void exprs(Rule r, Consumer<Expr> exprs) {
            for (Rule branch = r; branch != null; branch = branch.elseRule()) {
                Rule.Head h = branch.head();
                List<Term> head = new ArrayList<>(h.ref().parts());
                if (h.key() != null) {
                    head.add(h.key());
                }
                if (h.value() != null) {
                    head.add(h.value());
                }
                head.forEach(t -> term(t, x -> {
                }, exprs));
                body(branch.body(), x -> {
                }, exprs);
            }
        }

        static void body(Body b, Consumer<Term> terms, Consumer<Expr> exprs) {
            if (b != null) {
                b.exprs().forEach(e -> expr(e, terms, exprs));
            }
        }

        static void expr(Expr e, Consumer<Term> terms, Consumer<Expr> exprs) {
            exprs.accept(e);
            switch (e.kind()) {
                case Expr.TermExpr t -> term(t.term(), terms, exprs);
                case Expr.SomeVars s -> s.vars().forEach(v -> term(v, terms, exprs));
                case Expr.SomeIn s -> {
                    if (s.key() != null) {
                        term(s.key(), terms, exprs);
                    }
                    term(s.value(), terms, exprs);
                    term(s.collection(), terms, exprs);
                }
                case Expr.Every ev -> {
                    if (ev.key() != null) {
                        term(ev.key(), terms, exprs);
                    }
                    term(ev.value(), terms, exprs);
                    term(ev.domain(), terms, exprs);
                    body(ev.body(), terms, exprs);
                }
                case Expr.Block b -> body(b.body(), terms, exprs);
            }
            for (Expr.With w : e.withs()) {
                term(w.target(), terms, exprs);
                term(w.value(), terms, exprs);
            }
        }

        static void term(Term t, Consumer<Term> terms, Consumer<Expr> exprs) {
            terms.accept(t);
            switch (t) {
                case Term.Ref r -> r.parts().forEach(p -> term(p, terms, exprs));
                case Term.ArrayTerm a -> a.elements().forEach(x -> term(x, terms, exprs));
                case Term.SetTerm s -> s.elements().forEach(x -> term(x, terms, exprs));
                case Term.ObjectTerm o -> o.entries().forEach(en -> {
                    term(en.key(), terms, exprs);
                    term(en.value(), terms, exprs);
                });
                case Term.Call c -> {
                    term(c.operator(), terms, exprs);
                    c.args().forEach(x -> term(x, terms, exprs));
                }
                case Term.ArrayComprehension c -> {
                    term(c.head(), terms, exprs);
                    body(c.body(), terms, exprs);
                }
                case Term.SetComprehension c -> {
                    term(c.head(), terms, exprs);
                    body(c.body(), terms, exprs);
                }
                case Term.ObjectComprehension c -> {
                    term(c.key(), terms, exprs);
                    term(c.value(), terms, exprs);
                    body(c.body(), terms, exprs);
                }
                case Term.Scalar s -> {
                }
                case Term.Var v -> {
                }
            }
        }
    }
}
