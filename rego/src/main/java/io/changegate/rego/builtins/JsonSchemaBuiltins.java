package io.changegate.rego.builtins;

import static io.changegate.rego.builtins.Builtins.fn;
import static io.changegate.rego.builtins.Type.ANY;
import static io.changegate.rego.builtins.Type.ANY_OBJECT;
import static io.changegate.rego.builtins.Type.BOOLEAN;
import static io.changegate.rego.builtins.Type.STRING;
import static io.changegate.rego.builtins.Type.arrayOf;
import static io.changegate.rego.builtins.Type.objectOf;
import static io.changegate.rego.builtins.Type.oneOf;

import io.changegate.rego.value.ArrayValue;
import io.changegate.rego.value.BooleanValue;
import io.changegate.rego.value.NullValue;
import io.changegate.rego.value.ObjectValue;
import io.changegate.rego.value.StringValue;
import io.changegate.rego.value.Value;
import java.util.ArrayList;
import java.util.List;

/** {@code json.verify_schema} and {@code json.match_schema}. */
final class JsonSchemaBuiltins {
    private JsonSchemaBuiltins() {
    }

    private static final Type SCHEMA = oneOf(STRING, objectOf(ANY, ANY));

    static final List<Builtin> ALL = List.of(
            fn("json.verify_schema", List.of(SCHEMA), arrayOf(oneOf(BOOLEAN, oneOf(Type.NULL, STRING))), (ctx, a) -> {
                try {
                    JsonSchema.compile(document("json.verify_schema", a[0], true));
                    return ArrayValue.of(BooleanValue.TRUE, NullValue.INSTANCE);
                } catch (JsonSchema.SchemaException e) {
                    return ArrayValue.of(BooleanValue.FALSE, StringValue.of("jsonschema: " + e.getMessage()));
                } catch (BuiltinException e) {
                    return ArrayValue.of(BooleanValue.FALSE, StringValue.of("jsonschema: invalid JSON string"));
                }
            }),
            fn("json.match_schema", List.of(SCHEMA, SCHEMA),
                    arrayOf(oneOf(BOOLEAN, arrayOf(ANY_OBJECT))), (ctx, a) -> {
                        Value doc = document("json.match_schema", a[0], false);
                        Value schemaDoc = document("json.match_schema", a[1], true);
                        JsonSchema schema;
                        try {
                            schema = JsonSchema.compile(schemaDoc);
                        } catch (JsonSchema.SchemaException e) {
                            throw BuiltinException.error("json.match_schema: " + e.getMessage());
                        }
                        List<Value> errors = new ArrayList<>();
                        for (JsonSchema.Failure f : schema.validate(doc)) {
                            errors.add(f.toValue());
                        }
                        return ArrayValue.of(BooleanValue.of(errors.isEmpty()), ArrayValue.of(errors));
                    }));

    /** A document given as a value, or as JSON text when it is a string. */
    private static Value document(String fn, Value v, boolean schema) throws BuiltinException {
        if (v instanceof StringValue s) {
            try {
                return GoJson.parse(s.value());
            } catch (GoJson.SyntaxError e) {
                throw BuiltinException.error(fn + ": invalid JSON string");
            }
        }
        if (!(v instanceof ObjectValue)) {
            throw BuiltinException.error(fn + ": wrong type, expected string or object");
        }
        return v;
    }
}
