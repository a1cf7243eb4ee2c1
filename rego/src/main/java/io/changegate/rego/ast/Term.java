package io.changegate.rego.ast;

import io.changegate.rego.value.Value;
import java.util.List;

/** A Rego term: a scalar, variable, reference, composite, comprehension or call. Immutable. */
public sealed interface Term {
    Location location();

    /** A null, boolean, number or string literal. */
    record Scalar(Value value, Location location) implements Term {
    }

    /** A variable; {@code _} is the wildcard (each occurrence is a distinct variable). */
    record Var(String name, Location location) implements Term {
        public boolean isWildcard() {
            return name.equals("_");
        }
    }

    /**
     * A reference such as {@code data.a.b[x]} or {@code f(y)[0]}: a head term (usually a
     * {@link Var}) followed by selectors; a dot selector {@code .b} is the string scalar "b".
     */
    record Ref(List<Term> parts, Location location) implements Term {
        public Ref {
            parts = List.copyOf(parts);
        }

        public Term head() {
            return parts.get(0);
        }
    }

    record ArrayTerm(List<Term> elements, Location location) implements Term {
        public ArrayTerm {
            elements = List.copyOf(elements);
        }
    }

    record SetTerm(List<Term> elements, Location location) implements Term {
        public SetTerm {
            elements = List.copyOf(elements);
        }
    }

    record ObjectTerm(List<Entry> entries, Location location) implements Term {
        public ObjectTerm {
            entries = List.copyOf(entries);
        }
    }

    /** One {@code key: value} pair of an object term. */
    record Entry(Term key, Term value) {
    }

    record ArrayComprehension(Term head, Body body, Location location) implements Term {
    }

    record SetComprehension(Term head, Body body, Location location) implements Term {
    }

    record ObjectComprehension(Term key, Term value, Body body, Location location) implements Term {
    }

    /**
     * A call: a builtin, a function rule or an operator. Operators are calls of their builtin
     * names ({@code plus}, {@code eq}, {@code assign}, {@code internal.member_2}, …), as in OPA.
     */
    record Call(Ref operator, List<Term> args, Location location) implements Term {
        public Call {
            args = List.copyOf(args);
        }
    }
}
