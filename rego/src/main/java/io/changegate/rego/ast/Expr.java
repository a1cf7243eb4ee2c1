package io.changegate.rego.ast;

import java.util.List;

/** One expression of a body, optionally negated with {@code not} and modified by {@code with}. */
public record Expr(Kind kind, boolean negated, List<With> withs, Location location) {
    public Expr {
        withs = List.copyOf(withs);
    }

    /** What the expression is. */
    public sealed interface Kind {
    }

    /** A term evaluated for truth: calls (including {@code =}, {@code :=}, comparisons) or any other term. */
    public record TermExpr(Term term) implements Kind {
    }

    /** {@code some x, y}: declares local variables. */
    public record SomeVars(List<Term.Var> vars) implements Kind {
        public SomeVars {
            vars = List.copyOf(vars);
        }
    }

    /** {@code some v in xs} or {@code some k, v in xs}; {@code key} is null in the one-variable form. */
    public record SomeIn(Term key, Term value, Term collection) implements Kind {
    }

    /** {@code every v in xs { … }} or {@code every k, v in xs { … }}; {@code key} may be null. */
    public record Every(Term key, Term value, Term domain, Body body) implements Kind {
    }

    /**
     * {@code not { … }}: a braced body negated as a whole, available with
     * {@code import future.keywords.not} or {@code import rego.v2}; always negated.
     */
    public record Block(Body body) implements Kind {
    }

    /** {@code with target as value}: the target is a reference to input, data, a function or a builtin. */
    public record With(Term.Ref target, Term value, Location location) {
    }
}
