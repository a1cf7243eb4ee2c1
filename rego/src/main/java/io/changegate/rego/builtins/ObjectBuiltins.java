package io.changegate.rego.builtins;

import static io.changegate.rego.builtins.Builtins.fn;
import static io.changegate.rego.builtins.Type.ANY;
import static io.changegate.rego.builtins.Type.ANY_ARRAY;
import static io.changegate.rego.builtins.Type.ANY_OBJECT;
import static io.changegate.rego.builtins.Type.ANY_SET;
import static io.changegate.rego.builtins.Type.BOOLEAN;
import static io.changegate.rego.builtins.Type.arrayOf;
import static io.changegate.rego.builtins.Type.oneOf;

import io.changegate.rego.value.ArrayValue;
import io.changegate.rego.value.BooleanValue;
import io.changegate.rego.value.ObjectValue;
import io.changegate.rego.value.SetValue;
import io.changegate.rego.value.Value;
import java.util.List;

/** The {@code object.*} functions. */
final class ObjectBuiltins {
    private ObjectBuiltins() {
    }

    static final List<Builtin> ALL = List.of(
            fn("object.get", List.of(ANY_OBJECT, ANY, ANY), ANY, (ctx, a) -> {
                ObjectValue obj = Operands.object("object.get", a, 1);
                if (!(a[1] instanceof ArrayValue path)) {
                    Value v = obj.get(a[1]);
                    return v == null ? a[2] : v;
                }
                Value cur = obj;
                for (Value key : path.asList()) {
                    cur = child(cur, key);
                    if (cur == null) {
                        return a[2];
                    }
                }
                return cur;
            }),
            fn("object.keys", List.of(ANY_OBJECT), ANY_SET, (ctx, a) -> Operands.object("object.keys", a, 1).keySet()),
            fn("object.remove", List.of(ANY_OBJECT, oneOf(ANY_ARRAY, ANY_SET, ANY_OBJECT)), ANY_OBJECT, (ctx, a) -> {
                ObjectValue obj = Operands.object("object.remove", a, 1);
                ObjectValue out = obj;
                for (Value k : keys("object.remove", a, 2)) {
                    out = out.without(k);
                }
                return out;
            }),
            fn("object.filter", List.of(ANY_OBJECT, oneOf(ANY_ARRAY, ANY_SET, ANY_OBJECT)), ANY_OBJECT, (ctx, a) -> {
                ObjectValue obj = Operands.object("object.filter", a, 1);
                ObjectValue.Builder b = ObjectValue.builder();
                for (Value k : keys("object.filter", a, 2)) {
                    Value v = obj.get(k);
                    if (v != null) {
                        b.put(k, v);
                    }
                }
                return b.build();
            }),
            fn("object.union", List.of(ANY_OBJECT, ANY_OBJECT), ANY_OBJECT, (ctx, a) ->
                    union(Operands.object("object.union", a, 1), Operands.object("object.union", a, 2))),
            fn("object.union_n", List.of(arrayOf(ANY_OBJECT)), ANY_OBJECT, (ctx, a) -> {
                ObjectValue out = ObjectValue.EMPTY;
                for (Value v : Operands.array("object.union_n", a, 1).asList()) {
                    if (!(v instanceof ObjectValue o)) {
                        throw BuiltinException.typeError("object.union_n: operand 1 must be array of objects but got array containing " + v.typeName());
                    }
                    out = union(out, o);
                }
                return out;
            }),
            fn("object.subset", List.of(oneOf(ANY_OBJECT, ANY_ARRAY, ANY_SET), oneOf(ANY_OBJECT, ANY_ARRAY, ANY_SET)), BOOLEAN,
                    (ctx, a) -> BooleanValue.of(subset(a[0], a[1]))));

    /** The element under one key of an object, index of an array, or member of a set; null when absent. */
    static Value child(Value container, Value key) {
        return switch (container) {
            case ObjectValue o -> o.get(key);
            case ArrayValue arr -> arr.get(key);
            case SetValue s -> s.contains(key) ? key : null;
            default -> null;
        };
    }

    private static List<Value> keys(String fn, Value[] a, int pos) throws BuiltinException {
        return switch (a[pos - 1]) {
            case ArrayValue v -> v.asList();
            case SetValue v -> v.asList();
            case ObjectValue v -> v.keySet().asList();
            default -> throw Operands.mustBeOneOf(fn, pos, "{object, set, array}", a[pos - 1]);
        };
    }

    /** Merges recursively: where both have an object under a key the objects merge, else the right wins. */
    static ObjectValue union(ObjectValue left, ObjectValue right) {
        if (left.isEmpty()) {
            return right;
        }
        ObjectValue.Builder b = left.toBuilder();
        for (int i = 0; i < right.size(); i++) {
            Value k = right.keyAt(i);
            Value r = right.valueAt(i);
            Value l = left.get(k);
            if (l instanceof ObjectValue lo && r instanceof ObjectValue ro) {
                b.put(k, union(lo, ro));
            } else {
                b.put(k, r);
            }
        }
        return b.build();
    }

    private static boolean subset(Value sup, Value sub) throws BuiltinException {
        if (sup instanceof ObjectValue so && sub instanceof ObjectValue bo) {
            for (int i = 0; i < bo.size(); i++) {
                Value sv = so.get(bo.keyAt(i));
                if (sv == null) {
                    return false;
                }
                Value bv = bo.valueAt(i);
                if (sv instanceof ObjectValue && bv instanceof ObjectValue
                        || sv instanceof SetValue && bv instanceof SetValue
                        || sv instanceof ArrayValue && bv instanceof ArrayValue) {
                    if (!subset(sv, bv)) {
                        return false;
                    }
                } else if (!sv.equals(bv)) {
                    return false;
                }
            }
            return true;
        }
        if (sup instanceof SetValue ss && sub instanceof SetValue bs) {
            for (Value v : bs.asList()) {
                if (!ss.contains(v)) {
                    return false;
                }
            }
            return true;
        }
        if (sup instanceof ArrayValue sa && sub instanceof SetValue bs) {
            SetValue ss = SetValue.of(sa.asList());
            return subset(ss, bs);
        }
        if (sup instanceof ArrayValue sa && sub instanceof ArrayValue ba) {
            // A contiguous run of sup equals sub.
            int n = sa.size();
            int m = ba.size();
            if (m == 0) {
                return true;
            }
            for (int i = 0; i + m <= n; i++) {
                boolean ok = true;
                for (int j = 0; j < m && ok; j++) {
                    ok = sa.get(i + j).equals(ba.get(j));
                }
                if (ok) {
                    return true;
                }
            }
            return false;
        }
        throw BuiltinException.typeError("object.subset: both arguments object.subset must be of the same type or array and set");
    }
}
