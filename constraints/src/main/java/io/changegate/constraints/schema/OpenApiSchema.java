package io.changegate.constraints.schema;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import io.changegate.constraints.Fields;
import io.changegate.rego.value.ArrayValue;
import io.changegate.rego.value.BooleanValue;
import io.changegate.rego.value.NullValue;
import io.changegate.rego.value.NumberValue;
import io.changegate.rego.value.ObjectValue;
import io.changegate.rego.value.StringValue;
import io.changegate.rego.value.Value;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Validates constraint parameters against a template's {@code openAPIV3Schema}, reporting errors
 * in the words the Kubernetes API server uses for custom resources, for example
 * {@code spec.parameters.repos: Invalid value: "string": spec.parameters.repos in body must be of type array: "string"}.
 *
 * <p>The structural subset CRDs allow is checked: type, properties, additionalProperties, items,
 * required, enum, nullable, bounds, lengths, pattern (RE2), and allOf/anyOf/oneOf/not. Unknown
 * fields are not errors (the API server prunes them).
 */
public final class OpenApiSchema {
    private final ObjectValue schema;

    public OpenApiSchema(ObjectValue schema) {
        this.schema = schema;
    }

    /** Every violation of the schema by {@code value}, which sits at {@code path}; empty when valid. */
    public List<String> validate(Value value, String path) {
        List<String> errors = new ArrayList<>();
        check(schema, value, path, errors);
        return errors;
    }

    private void check(Value s, Value v, String path, List<String> errors) {
        if (!(s instanceof ObjectValue)) {
            return;
        }
        if (v instanceof NullValue) {
            if (Fields.at(s, "nullable") == BooleanValue.TRUE || Fields.string(s, "type").isEmpty()) {
                return;
            }
        }
        String type = Fields.string(s, "type");
        if (!type.isEmpty() && !hasType(v, type)) {
            errors.add(path + ": Invalid value: \"" + typeOf(v) + "\": " + path + " in body must be of type " + type
                    + ": \"" + typeOf(v) + "\"");
            return;
        }
        List<Value> enumValues = Fields.list(s, "enum");
        if (!enumValues.isEmpty() && !enumValues.contains(v)) {
            errors.add(path + ": Unsupported value: " + v.toJson() + ": supported values: "
                    + enumValues.stream().map(Value::toJson).collect(Collectors.joining(", ")));
        }
        if (v instanceof ObjectValue o) {
            for (Value r : Fields.list(s, "required")) {
                if (r instanceof StringValue name && !o.containsKey(name)) {
                    errors.add(path + "." + name.value() + ": Required value");
                }
            }
            ObjectValue props = Fields.object(s, "properties");
            Value additional = Fields.at(s, "additionalProperties");
            o.forEach((k, val) -> {
                String key = ((StringValue) k).value();
                Value propSchema = props == null ? null : props.get(key);
                if (propSchema != null) {
                    check(propSchema, val, path + "." + key, errors);
                } else if (additional instanceof ObjectValue) {
                    check(additional, val, path + "." + key, errors);
                }
            });
            bound(s, "minProperties", o.size(), path, "should have at least %s properties", false, errors);
            bound(s, "maxProperties", o.size(), path, "should have at most %s properties", true, errors);
        }
        if (v instanceof ArrayValue a) {
            Value items = Fields.at(s, "items");
            for (int i = 0; i < a.size(); i++) {
                check(items, a.get(i), path + "[" + i + "]", errors);
            }
            bound(s, "minItems", a.size(), path, "should have at least %s items", false, errors);
            bound(s, "maxItems", a.size(), path, "should have at most %s items", true, errors);
        }
        if (v instanceof StringValue str) {
            int length = str.value().codePointCount(0, str.value().length());
            bound(s, "minLength", length, path, "should be at least %s chars long", false, errors);
            bound(s, "maxLength", length, path, "should be at most %s chars long", true, errors);
            String pattern = Fields.string(s, "pattern");
            if (!pattern.isEmpty()) {
                try {
                    if (!Pattern.compile(pattern).matcher(str.value()).find()) {
                        errors.add(path + ": Invalid value: " + v.toJson() + ": " + path + " in body should match '"
                                + pattern + "'");
                    }
                } catch (PatternSyntaxException e) {
                    errors.add(path + ": the schema's pattern '" + pattern + "' is not a valid regular expression");
                }
            }
        }
        if (v instanceof NumberValue n) {
            BigDecimal x = n.bigDecimalValue();
            if (Fields.at(s, "minimum") instanceof NumberValue min) {
                boolean exclusive = Fields.at(s, "exclusiveMinimum") == BooleanValue.TRUE;
                int c = x.compareTo(min.bigDecimalValue());
                if (c < 0 || exclusive && c == 0) {
                    errors.add(path + ": Invalid value: " + n + ": " + path + " in body should be greater than "
                            + (exclusive ? "" : "or equal to ") + min);
                }
            }
            if (Fields.at(s, "maximum") instanceof NumberValue max) {
                boolean exclusive = Fields.at(s, "exclusiveMaximum") == BooleanValue.TRUE;
                int c = x.compareTo(max.bigDecimalValue());
                if (c > 0 || exclusive && c == 0) {
                    errors.add(path + ": Invalid value: " + n + ": " + path + " in body should be less than "
                            + (exclusive ? "" : "or equal to ") + max);
                }
            }
        }
        for (Value sub : Fields.list(s, "allOf")) {
            check(sub, v, path, errors);
        }
        List<Value> anyOf = Fields.list(s, "anyOf");
        if (!anyOf.isEmpty() && anyOf.stream().noneMatch(sub -> validates(sub, v, path))) {
            errors.add(path + ": Invalid value: " + v.toJson() + ": " + path + " in body must match at least one schema in anyOf");
        }
        List<Value> oneOf = Fields.list(s, "oneOf");
        if (!oneOf.isEmpty() && oneOf.stream().filter(sub -> validates(sub, v, path)).count() != 1) {
            errors.add(path + ": Invalid value: " + v.toJson() + ": " + path + " in body must match exactly one schema in oneOf");
        }
        Value not = Fields.at(s, "not");
        if (not instanceof ObjectValue && validates(not, v, path)) {
            errors.add(path + ": Invalid value: " + v.toJson() + ": " + path + " in body must not validate the schema (not)");
        }
    }

    private boolean validates(Value s, Value v, String path) {
        List<String> errors = new ArrayList<>();
        check(s, v, path, errors);
        return errors.isEmpty();
    }

    private static void bound(Value s, String keyword, int actual, String path, String words, boolean upper,
                              List<String> errors) {
        if (Fields.at(s, keyword) instanceof NumberValue limit && limit.isLong()) {
            long l = limit.longValue();
            if (upper ? actual > l : actual < l) {
                errors.add(path + ": Invalid value: " + actual + ": " + path + " in body " + String.format(words, l));
            }
        }
    }

    private static boolean hasType(Value v, String type) {
        return switch (type) {
            case "object" -> v instanceof ObjectValue;
            case "array" -> v instanceof ArrayValue;
            case "string" -> v instanceof StringValue;
            case "boolean" -> v instanceof BooleanValue;
            case "integer" -> v instanceof NumberValue n && n.isInteger();
            case "number" -> v instanceof NumberValue;
            default -> true;
        };
    }

    private static String typeOf(Value v) {
        return switch (v) {
            case NumberValue n -> n.isInteger() ? "integer" : "number";
            case NullValue n -> "null";
            default -> v.typeName();
        };
    }
}
