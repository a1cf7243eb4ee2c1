package io.changegate.rego.ast;

import java.util.List;

/**
 * A rule: its head, body, {@code default} flag and {@code else} chain.
 *
 * <p>Kinds of head, following OPA:
 * <ul>
 *   <li>complete / single-value: {@code p := v}, {@code p.q[x].r := v}, {@code p[x] := v}
 *       (the ref may contain variables; the value is {@code true} when omitted);</li>
 *   <li>multi-value (partial set): {@code p contains x}, or v0 {@code p[x]} without a value;
 *       {@code key} holds the element;</li>
 *   <li>function: {@code f(x, y) := v}; {@code args} is non-null.</li>
 * </ul>
 */
public record Rule(Head head, Body body, boolean isDefault, Rule elseRule,
                   List<Annotation> annotations, Location location) {
    public Rule {
        annotations = List.copyOf(annotations);
    }

    /** The head of a rule. {@code value} is null when the source wrote none. */
    public record Head(Term.Ref ref, List<Term> args, Term key, Term value, boolean assign,
                       boolean multiValue, Location location) {
        public Head {
            args = args == null ? null : List.copyOf(args);
        }

        public boolean isFunction() {
            return args != null;
        }
    }
}
