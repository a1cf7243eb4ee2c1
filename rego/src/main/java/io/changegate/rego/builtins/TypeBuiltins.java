package io.changegate.rego.builtins;

import static io.changegate.rego.builtins.Builtins.fn;
import static io.changegate.rego.builtins.Type.ANY;
import static io.changegate.rego.builtins.Type.BOOLEAN;
import static io.changegate.rego.builtins.Type.NULL;
import static io.changegate.rego.builtins.Type.NUMBER;
import static io.changegate.rego.builtins.Type.STRING;
import static io.changegate.rego.builtins.Type.oneOf;

import io.changegate.rego.value.BooleanValue;
import io.changegate.rego.value.NullValue;
import io.changegate.rego.value.NumberValue;
import io.changegate.rego.value.StringValue;
import io.changegate.rego.value.Value;
import java.math.BigDecimal;
import java.util.List;
import java.util.regex.Pattern;

/** Type tests ({@code is_*}, {@code type_name}) and {@code to_number}. */
final class TypeBuiltins {
    private TypeBuiltins() {
    }

    /** Go's strconv.ParseFloat decimal syntax (hex floats and underscores excluded, as OPA's text must be JSON-like). */
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
    private static final Pattern SPECIAL = Pattern.compile("[+-]?(?i:inf|infinity|nan)");

    static final List<Builtin> ALL = List.of(
            is("is_number", "number"),
            is("is_string", "string"),
            is("is_boolean", "boolean"),
            is("is_array", "array"),
            is("is_set", "set"),
            is("is_object", "object"),
            is("is_null", "null"),
            fn("type_name", List.of(ANY), STRING, (ctx, a) -> StringValue.of(a[0].typeName())),
            fn("to_number", List.of(oneOf(NULL, BOOLEAN, NUMBER, STRING)), NUMBER, (ctx, a) -> switch (a[0]) {
                case NullValue n -> NumberValue.ZERO;
                case BooleanValue b -> b.value() ? NumberValue.ONE : NumberValue.ZERO;
                case NumberValue n -> n;
                case StringValue s -> parseNumber(s.value());
                default -> throw Operands.mustBeOneOf("to_number", 1, "{null, boolean, number, string}", a[0]);
            }));

    private static Builtin is(String name, String type) {
        return fn(name, List.of(ANY), BOOLEAN, (ctx, a) -> BooleanValue.of(a[0].typeName().equals(type)));
    }

    private static Value parseNumber(String s) throws BuiltinException {
        // The pattern is fixed and linear; the input is only matched, never compiled.
        if (SPECIAL.matcher(s).matches()) {
            throw BuiltinException.typeError("to_number: operand 1 must be valid number string but got string");
        }
        if (!DECIMAL.matcher(s).matches()) {
            throw BuiltinException.error("to_number: strconv.ParseFloat: parsing " + GoFormat.quote(s, false) + ": invalid syntax");
        }
        return NumberValue.of(new BigDecimal(s.startsWith("+") ? s.substring(1) : s));
    }
}
