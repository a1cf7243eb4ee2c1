package io.changegate.rego.builtins;

import io.changegate.rego.value.ArrayValue;
import io.changegate.rego.value.NumberValue;
import io.changegate.rego.value.ObjectValue;
import io.changegate.rego.value.SetValue;
import io.changegate.rego.value.StringValue;
import io.changegate.rego.value.Value;
import java.util.List;

/**
 * Operand checks that fail with OPA's exact messages, such as
 * {@code count: operand 1 must be one of {array, object, set, string} but got number}.
 * Operand positions are 1-based, as OPA prints them.
 */
final class Operands {
    private Operands() {
    }

    static BuiltinException mustBe(String fn, int pos, String expected, Value got) {
        return BuiltinException.typeError(fn + ": operand " + pos + " must be " + expected + " but got " + got.typeName());
    }

    static BuiltinException mustBeOneOf(String fn, int pos, String set, Value got) {
        return BuiltinException.typeError(fn + ": operand " + pos + " must be one of " + set + " but got " + got.typeName());
    }

    static String string(String fn, Value[] a, int pos) throws BuiltinException {
        if (a[pos - 1] instanceof StringValue s) {
            return s.value();
        }
        throw mustBe(fn, pos, "string", a[pos - 1]);
    }

    static NumberValue number(String fn, Value[] a, int pos) throws BuiltinException {
        if (a[pos - 1] instanceof NumberValue n) {
            return n;
        }
        throw mustBe(fn, pos, "number", a[pos - 1]);
    }

    static ArrayValue array(String fn, Value[] a, int pos) throws BuiltinException {
        if (a[pos - 1] instanceof ArrayValue v) {
            return v;
        }
        throw mustBe(fn, pos, "array", a[pos - 1]);
    }

    static ObjectValue object(String fn, Value[] a, int pos) throws BuiltinException {
        if (a[pos - 1] instanceof ObjectValue v) {
            return v;
        }
        throw mustBe(fn, pos, "object", a[pos - 1]);
    }

    static SetValue set(String fn, Value[] a, int pos) throws BuiltinException {
        if (a[pos - 1] instanceof SetValue v) {
            return v;
        }
        throw mustBe(fn, pos, "set", a[pos - 1]);
    }

    /** The elements of an array or set operand; fails with {@code one of {set, array}}. */
    static List<Value> collection(String fn, Value[] a, int pos) throws BuiltinException {
        return switch (a[pos - 1]) {
            case ArrayValue v -> v.asList();
            case SetValue v -> v.asList();
            default -> throw mustBeOneOf(fn, pos, "{set, array}", a[pos - 1]);
        };
    }

    /**
     * An integer operand that fits an int: a number that is not integral fails with
     * {@code must be integer number but got floating-point number}, anything else with
     * {@code must be number but got …}.
     */
    static int intNumber(String fn, Value[] a, int pos) throws BuiltinException {
        NumberValue n = number(fn, a, pos);
        if (!n.isInteger()) {
            throw BuiltinException.typeError(fn + ": operand " + pos + " must be integer number but got floating-point number");
        }
        return clampInt(n);
    }

    /** Like {@link #intNumber} but a non-number fails with {@code must be integer but got …}. */
    static NumberValue integer(String fn, Value[] a, int pos) throws BuiltinException {
        if (!(a[pos - 1] instanceof NumberValue n)) {
            throw mustBe(fn, pos, "integer", a[pos - 1]);
        }
        if (!n.isInteger()) {
            throw BuiltinException.typeError(fn + ": operand " + pos + " must be integer number but got floating-point number");
        }
        return n;
    }

    static int clampInt(NumberValue n) {
        if (n.isLong()) {
            long v = n.longValue();
            return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, v));
        }
        return n.signum() < 0 ? Integer.MIN_VALUE : Integer.MAX_VALUE;
    }

    /** Strings in a set or array; the element type is declared, so others are a type error. */
    static List<String> strings(String fn, Value[] a, int pos, String expected) throws BuiltinException {
        List<Value> items = switch (a[pos - 1]) {
            case ArrayValue v -> v.asList();
            case SetValue v -> v.asList();
            default -> throw mustBeOneOf(fn, pos, expected, a[pos - 1]);
        };
        List<String> out = new java.util.ArrayList<>(items.size());
        for (Value v : items) {
            if (!(v instanceof StringValue s)) {
                throw BuiltinException.typeError(fn + ": operand " + pos + " must be array of strings but got array containing " + v.typeName());
            }
            out.add(s.value());
        }
        return out;
    }
}
