package io.changegate.rego.eval;

import io.changegate.rego.ast.Term;
import io.changegate.rego.builtins.BuiltinDecl;
import io.changegate.rego.builtins.Type;
import io.changegate.rego.value.ArrayValue;
import io.changegate.rego.value.BooleanValue;
import io.changegate.rego.value.NullValue;
import io.changegate.rego.value.NumberValue;
import io.changegate.rego.value.ObjectValue;
import io.changegate.rego.value.SetValue;
import io.changegate.rego.value.StringValue;
import io.changegate.rego.value.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The compiler's type check of builtin calls: an argument whose type is known when compiling
 * (a literal, or a variable assigned one) and can never match the builtin's declared argument
 * type is a {@code rego_type_error}, as OPA's type checker reports it.
 */
final class TypeCheck {
    /** Builtins that Rego v1 rejects. */
    static final Set<String> DEPRECATED = Set.of("all", "any", "cast_array", "cast_set", "cast_string",
            "cast_boolean", "cast_null", "cast_object", "re_match", "set_diff", "net.cidr_overlap");

    private TypeCheck() {
    }

    /** The message for a call whose arguments cannot match, or null when they may. */
    static String check(BuiltinDecl decl, List<Term> args, Map<String, Type> varTypes) {
        List<Type> want = decl.argTypes();
        if (want.size() != args.size()) {
            return null;
        }
        boolean ok = true;
        List<Type> have = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            Type t = typeOf(args.get(i), varTypes);
            have.add(t);
            Value literal = want.get(i) instanceof Type.ObjectWith ? literalValue(args.get(i)) : null;
            // An option object's known keys have types of their own; check a literal one key by key.
            ok &= literal != null ? want.get(i).accepts(literal) : compatible(t, want.get(i));
        }
        if (ok) {
            return null;
        }
        return decl.name() + ": invalid argument(s)\n\thave: (" + describe(have) + ")\n\twant: (" + describe(want) + ")";
    }

    private static String describe(List<Type> types) {
        return types.stream().map(Type::describe).collect(Collectors.joining(", "));
    }

    /** The value of a literal term, or null when it is not one. */
    private static Value literalValue(Term t) {
        return switch (t) {
            case Term.Scalar s -> s.value();
            case Term.ArrayTerm a -> {
                List<Value> vs = new ArrayList<>();
                for (Term x : a.elements()) {
                    Value v = literalValue(x);
                    if (v == null) {
                        yield null;
                    }
                    vs.add(v);
                }
                yield ArrayValue.of(vs);
            }
            case Term.ObjectTerm o -> {
                ObjectValue.Builder b = ObjectValue.builder();
                for (Term.Entry e : o.entries()) {
                    Value k = literalValue(e.key());
                    Value v = literalValue(e.value());
                    if (k == null || v == null) {
                        yield null;
                    }
                    b.put(k, v);
                }
                yield b.build();
            }
            default -> null;
        };
    }

    /** The static type of a term; {@link Type#ANY} when not known at compile time. */
    static Type typeOf(Term t, Map<String, Type> varTypes) {
        return switch (t) {
            case Term.Scalar s -> typeOf(s.value());
            case Term.Var v -> varTypes.getOrDefault(v.name(), Type.ANY);
            case Term.ArrayTerm a -> new Type.ArrayOf(union(a.elements(), varTypes));
            case Term.SetTerm a -> new Type.SetOf(union(a.elements(), varTypes));
            case Term.ObjectTerm o -> {
                List<Term> keys = new ArrayList<>();
                List<Term> values = new ArrayList<>();
                o.entries().forEach(e -> {
                    keys.add(e.key());
                    values.add(e.value());
                });
                yield new Type.ObjectOf(union(keys, varTypes), union(values, varTypes));
            }
            case Term.ArrayComprehension c -> new Type.ArrayOf(Type.ANY);
            case Term.SetComprehension c -> new Type.SetOf(Type.ANY);
            case Term.ObjectComprehension c -> new Type.ObjectOf(Type.ANY, Type.ANY);
            default -> Type.ANY;
        };
    }

    static Type typeOf(Value v) {
        return switch (v) {
            case NullValue n -> Type.NULL;
            case BooleanValue b -> Type.BOOLEAN;
            case NumberValue n -> Type.NUMBER;
            case StringValue s -> Type.STRING;
            case ArrayValue a -> new Type.ArrayOf(unionOfValues(a.asList()));
            case SetValue s -> new Type.SetOf(unionOfValues(s.asList()));
            case ObjectValue o -> {
                List<Value> keys = new ArrayList<>();
                List<Value> values = new ArrayList<>();
                o.forEach((k, x) -> {
                    keys.add(k);
                    values.add(x);
                });
                yield new Type.ObjectOf(unionOfValues(keys), unionOfValues(values));
            }
        };
    }

    private static Type union(List<Term> terms, Map<String, Type> varTypes) {
        List<Type> types = new ArrayList<>();
        for (Term t : terms) {
            types.add(typeOf(t, varTypes));
        }
        return unionOf(types);
    }

    private static Type unionOfValues(List<Value> values) {
        List<Type> types = new ArrayList<>();
        for (Value v : values) {
            types.add(typeOf(v));
        }
        return unionOf(types);
    }

    private static Type unionOf(List<Type> types) {
        List<Type> distinct = types.stream().distinct().toList();
        if (distinct.isEmpty() || distinct.contains(Type.ANY)) {
            return Type.ANY;
        }
        return distinct.size() == 1 ? distinct.get(0) : new Type.OneOf(distinct);
    }

    /** Whether some value of type {@code have} may be of type {@code want}. */
    static boolean compatible(Type have, Type want) {
        if (have instanceof Type.Any || want instanceof Type.Any) {
            return true;
        }
        if (have instanceof Type.OneOf h) {
            // Every possible element must fit: a literal [1, "a"] is not an array of numbers.
            return h.types().stream().allMatch(t -> compatible(t, want));
        }
        if (want instanceof Type.OneOf w) {
            return w.types().stream().anyMatch(t -> compatible(have, t));
        }
        return switch (want) {
            case Type.Named n -> have instanceof Type.Named h && h.name().equals(n.name());
            case Type.ArrayOf a -> have instanceof Type.ArrayOf h && compatible(h.element(), a.element());
            case Type.SetOf a -> have instanceof Type.SetOf h && compatible(h.element(), a.element());
            case Type.ObjectOf o -> have instanceof Type.ObjectOf h && compatible(h.key(), o.key())
                    && compatible(h.value(), o.value());
            // Objects with typed known keys (option objects): literals are checked key by key in check().
            case Type.ObjectWith o -> have instanceof Type.ObjectOf;
            default -> true;
        };
    }
}
