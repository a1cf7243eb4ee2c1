package io.changegate.rego.builtins;

import io.changegate.rego.value.ArrayValue;
import io.changegate.rego.value.BooleanValue;
import io.changegate.rego.value.NullValue;
import io.changegate.rego.value.NumberValue;
import io.changegate.rego.value.ObjectValue;
import io.changegate.rego.value.SetValue;
import io.changegate.rego.value.StringValue;
import io.changegate.rego.value.Value;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * JSON Schema (draft 4 to 7 keywords) with the error texts and kinds of the gojsonschema
 * library OPA uses: each error has a field path, a type such as {@code invalid_type}, and a
 * description such as {@code Invalid type. Expected: integer, given: string}.
 */
final class JsonSchema {
    /** An invalid schema, with gojsonschema's message. */
    static final class SchemaException extends Exception {
        SchemaException(String message) {
            super(message, null, false, false);
        }
    }

    /** One validation failure. */
    record Failure(String field, String type, String description) {
        Value toValue() {
            return ObjectValue.of("field", StringValue.of(field), "type", StringValue.of(type),
                    "desc", StringValue.of(description), "error", StringValue.of(field + ": " + description));
        }
    }

    private static final Set<String> TYPES = Set.of("array", "boolean", "integer", "number", "null", "object", "string");
    private static final String ROOT = "(Root)";

    private final Value root;

    private JsonSchema(Value root) {
        this.root = root;
    }

    /** Checks a schema document; {@link SchemaException} says what is wrong. */
    static JsonSchema compile(Value schema) throws SchemaException {
        check(schema, 0);
        return new JsonSchema(schema);
    }

    private static void check(Value s, int depth) throws SchemaException {
        if (depth > 200) {
            throw new SchemaException("schema nested too deeply");
        }
        if (!(s instanceof ObjectValue o)) {
            if (s instanceof BooleanValue) {
                return;
            }
            throw new SchemaException("Invalid type. Expected: object, given: " + kind(s));
        }
        Value type = o.get("type");
        if (type != null) {
            List<Value> names = type instanceof ArrayValue arr ? arr.asList() : List.of(type);
            if (!(type instanceof StringValue) && !(type instanceof ArrayValue)) {
                throw new SchemaException("Invalid type. Expected: type, given: string/Array Of Strings");
            }
            for (Value n : names) {
                if (!(n instanceof StringValue ns)) {
                    throw new SchemaException("Invalid type. Expected: type, given: string/Array Of Strings");
                }
                if (!TYPES.contains(ns.value())) {
                    throw new SchemaException("has a primitive type that is NOT VALID -- given: /" + ns.value()
                            + "/ Expected valid values are:[array boolean integer number null object string]");
                }
            }
        }
        for (String k : List.of("properties", "patternProperties", "definitions", "$defs", "dependencies")) {
            if (o.get(k) instanceof ObjectValue props) {
                for (int i = 0; i < props.size(); i++) {
                    if (props.valueAt(i) instanceof ObjectValue || props.valueAt(i) instanceof BooleanValue) {
                        check(props.valueAt(i), depth + 1);
                    }
                }
            }
        }
        for (String k : List.of("items", "additionalProperties", "additionalItems", "not", "contains", "propertyNames", "if", "then", "else")) {
            Value v = o.get(k);
            if (v instanceof ObjectValue) {
                check(v, depth + 1);
            } else if (v instanceof ArrayValue arr && k.equals("items")) {
                for (Value x : arr.asList()) {
                    check(x, depth + 1);
                }
            }
        }
        for (String k : List.of("allOf", "anyOf", "oneOf")) {
            if (o.get(k) instanceof ArrayValue arr) {
                for (Value x : arr.asList()) {
                    check(x, depth + 1);
                }
            }
        }
        if (o.get("pattern") instanceof StringValue p && !GoRegex.isValid(p.value())) {
            throw new SchemaException("Invalid pattern " + p.value());
        }
    }

    List<Failure> validate(Value doc) {
        List<Failure> out = new ArrayList<>();
        validate(root, doc, ROOT, out, 0);
        return out;
    }

    static String kind(Value v) {
        return switch (v) {
            case NullValue n -> "null";
            case BooleanValue b -> "boolean";
            case NumberValue n -> n.isInteger() ? "integer" : "number";
            case StringValue s -> "string";
            case ArrayValue a -> "array";
            case SetValue s -> "array";
            case ObjectValue o -> "object";
        };
    }

    private static boolean hasType(Value v, String type) {
        String k = kind(v);
        return k.equals(type) || (type.equals("number") && k.equals("integer"));
    }

    private static String child(String field, String key) {
        return field.equals(ROOT) ? key : field + "." + key;
    }

    private Value resolve(String ref) {
        if (!ref.startsWith("#")) {
            return null;
        }
        Value cur = root;
        String path = ref.substring(1);
        if (path.isEmpty()) {
            return root;
        }
        for (String seg : path.substring(path.startsWith("/") ? 1 : 0).split("/")) {
            String key = seg.replace("~1", "/").replace("~0", "~");
            if (cur instanceof ObjectValue o) {
                cur = o.get(key);
            } else if (cur instanceof ArrayValue a && key.chars().allMatch(Character::isDigit) && !key.isEmpty()) {
                cur = a.get(NumberValue.of(Long.parseLong(key)));
            } else {
                return null;
            }
            if (cur == null) {
                return null;
            }
        }
        return cur;
    }

    private void validate(Value schema, Value doc, String field, List<Failure> out, int depth) {
        if (depth > 100) {
            return;
        }
        if (schema instanceof BooleanValue b) {
            if (!b.value()) {
                out.add(new Failure(field, "false", "False always fails validation"));
            }
            return;
        }
        if (!(schema instanceof ObjectValue s)) {
            return;
        }
        if (s.get("$ref") instanceof StringValue ref) {
            Value target = resolve(ref.value());
            if (target != null) {
                validate(target, doc, field, out, depth + 1);
            }
            return;
        }
        Value type = s.get("type");
        if (type != null) {
            List<Value> names = type instanceof ArrayValue arr ? arr.asList() : List.of(type);
            boolean ok = false;
            List<String> expected = new ArrayList<>();
            for (Value n : names) {
                String t = ((StringValue) n).value();
                expected.add(t);
                ok |= hasType(doc, t);
            }
            if (!ok) {
                out.add(new Failure(field, "invalid_type", "Invalid type. Expected: " + String.join(", ", expected) + ", given: " + kind(doc)));
                return;
            }
        }
        if (s.get("enum") instanceof ArrayValue en) {
            boolean found = en.asList().stream().anyMatch(e -> e.equals(doc));
            if (!found) {
                List<String> allowed = new ArrayList<>();
                en.asList().forEach(e -> allowed.add(e.toJson()));
                out.add(new Failure(field, "enum", fieldName(field) + " must be one of the following: " + String.join(", ", allowed)));
            }
        }
        if (s.get("const") != null && !s.get("const").equals(doc)) {
            out.add(new Failure(field, "const", fieldName(field) + " does not match: " + s.get("const").toJson()));
        }
        for (String k : List.of("allOf", "anyOf", "oneOf")) {
            if (!(s.get(k) instanceof ArrayValue subs)) {
                continue;
            }
            int passed = 0;
            List<Failure> firstFailures = null;
            for (Value sub : subs.asList()) {
                List<Failure> f = new ArrayList<>();
                validate(sub, doc, field, f, depth + 1);
                if (f.isEmpty()) {
                    passed++;
                } else if (firstFailures == null) {
                    firstFailures = f;
                }
            }
            switch (k) {
                case "allOf" -> {
                    if (passed != subs.size()) {
                        out.addAll(firstFailures);
                        out.add(new Failure(field, "number_all_of", "Must validate all the schemas (allOf)"));
                    }
                }
                case "anyOf" -> {
                    if (passed == 0) {
                        if (firstFailures != null) {
                            out.addAll(firstFailures);
                        }
                        out.add(new Failure(field, "number_any_of", "Must validate at least one schema (anyOf)"));
                    }
                }
                default -> {
                    if (passed != 1) {
                        if (passed == 0 && firstFailures != null) {
                            out.addAll(firstFailures);
                        }
                        out.add(new Failure(field, "number_one_of", "Must validate one and only one schema (oneOf)"));
                    }
                }
            }
        }
        if (s.get("not") != null) {
            List<Failure> f = new ArrayList<>();
            validate(s.get("not"), doc, field, f, depth + 1);
            if (f.isEmpty()) {
                out.add(new Failure(field, "number_not", "Must not validate the schema (not)"));
            }
        }
        if (s.get("if") != null) {
            List<Failure> f = new ArrayList<>();
            validate(s.get("if"), doc, field, f, depth + 1);
            Value branch = f.isEmpty() ? s.get("then") : s.get("else");
            if (branch != null) {
                validate(branch, doc, field, out, depth + 1);
            }
        }
        switch (doc) {
            case ObjectValue o -> validateObject(s, o, field, out, depth);
            case ArrayValue a -> validateArray(s, a.asList(), field, out, depth);
            case StringValue str -> validateString(s, str.value(), field, out);
            case NumberValue n -> validateNumber(s, n, field, out);
            default -> {
            }
        }
    }

    private static String fieldName(String field) {
        return field;
    }

    private void validateObject(ObjectValue s, ObjectValue o, String field, List<Failure> out, int depth) {
        if (s.get("required") instanceof ArrayValue req) {
            for (Value r : req.asList()) {
                if (r instanceof StringValue rs && o.get(rs.value()) == null) {
                    out.add(new Failure(field, "required", rs.value() + " is required"));
                }
            }
        }
        if (s.get("minProperties") instanceof NumberValue min && o.size() < min.longValue()) {
            out.add(new Failure(field, "array_min_properties", "Must have at least " + min + " properties"));
        }
        if (s.get("maxProperties") instanceof NumberValue max && o.size() > max.longValue()) {
            out.add(new Failure(field, "array_max_properties", "Must have at most " + max + " properties"));
        }
        ObjectValue props = s.get("properties") instanceof ObjectValue p ? p : ObjectValue.EMPTY;
        ObjectValue patterns = s.get("patternProperties") instanceof ObjectValue p ? p : ObjectValue.EMPTY;
        Value additional = s.get("additionalProperties");
        for (int i = 0; i < o.size(); i++) {
            String key = o.keyAt(i) instanceof StringValue ks ? ks.value() : o.keyAt(i).toJson();
            Value v = o.valueAt(i);
            boolean matched = false;
            Value ps = props.get(key);
            if (ps != null) {
                matched = true;
                validate(ps, v, child(field, key), out, depth + 1);
            }
            for (int j = 0; j < patterns.size(); j++) {
                if (patterns.keyAt(j) instanceof StringValue pat && GoRegex.isValid(pat.value())
                        && com.google.re2j.Pattern.compile(pat.value()).matcher(key).find()) {
                    matched = true;
                    validate(patterns.valueAt(j), v, child(field, key), out, depth + 1);
                }
            }
            if (!matched && additional != null) {
                if (additional.equals(BooleanValue.FALSE)) {
                    out.add(new Failure(field, "additional_property_not_allowed", "Additional property " + key + " is not allowed"));
                } else if (additional instanceof ObjectValue) {
                    validate(additional, v, child(field, key), out, depth + 1);
                }
            }
            if (s.get("propertyNames") != null) {
                validate(s.get("propertyNames"), StringValue.of(key), child(field, key), out, depth + 1);
            }
        }
        if (s.get("dependencies") instanceof ObjectValue deps) {
            for (int i = 0; i < deps.size(); i++) {
                String key = deps.keyAt(i) instanceof StringValue ks ? ks.value() : "";
                if (o.get(key) == null) {
                    continue;
                }
                Value dep = deps.valueAt(i);
                if (dep instanceof ArrayValue names) {
                    for (Value n : names.asList()) {
                        if (n instanceof StringValue ns && o.get(ns.value()) == null) {
                            out.add(new Failure(field, "missing_dependency", "Has a dependency on " + ns.value()));
                        }
                    }
                } else {
                    validate(dep, o, field, out, depth + 1);
                }
            }
        }
    }

    private void validateArray(ObjectValue s, List<Value> items, String field, List<Failure> out, int depth) {
        if (s.get("minItems") instanceof NumberValue min && items.size() < min.longValue()) {
            out.add(new Failure(field, "array_min_items", "Array must have at least " + min + " items"));
        }
        if (s.get("maxItems") instanceof NumberValue max && items.size() > max.longValue()) {
            out.add(new Failure(field, "array_max_items", "Array must have at most " + max + " items"));
        }
        if (s.get("uniqueItems") == BooleanValue.TRUE) {
            outer:
            for (int i = 0; i < items.size(); i++) {
                for (int j = i + 1; j < items.size(); j++) {
                    if (items.get(i).equals(items.get(j))) {
                        out.add(new Failure(field, "unique", "array items[" + i + "," + j + "] must be unique"));
                        break outer;
                    }
                }
            }
        }
        Value itemSchema = s.get("items");
        if (itemSchema instanceof ArrayValue tuple) {
            for (int i = 0; i < items.size(); i++) {
                if (i < tuple.size()) {
                    validate(tuple.get(i), items.get(i), child(field, Integer.toString(i)), out, depth + 1);
                } else if (s.get("additionalItems") == BooleanValue.FALSE) {
                    out.add(new Failure(field, "array_no_additional_items", "No additional items allowed on array"));
                    break;
                } else if (s.get("additionalItems") instanceof ObjectValue add) {
                    validate(add, items.get(i), child(field, Integer.toString(i)), out, depth + 1);
                }
            }
        } else if (itemSchema != null) {
            for (int i = 0; i < items.size(); i++) {
                validate(itemSchema, items.get(i), child(field, Integer.toString(i)), out, depth + 1);
            }
        }
        if (s.get("contains") != null) {
            boolean any = false;
            for (Value item : items) {
                List<Failure> f = new ArrayList<>();
                validate(s.get("contains"), item, field, f, depth + 1);
                any |= f.isEmpty();
            }
            if (!any) {
                out.add(new Failure(field, "contains", "At least one of the items must match"));
            }
        }
    }

    private static void validateString(ObjectValue s, String str, String field, List<Failure> out) {
        int len = GoStrings.codePointCount(str);
        if (s.get("minLength") instanceof NumberValue min && len < min.longValue()) {
            out.add(new Failure(field, "string_gte", "String length must be greater than or equal to " + min));
        }
        if (s.get("maxLength") instanceof NumberValue max && len > max.longValue()) {
            out.add(new Failure(field, "string_lte", "String length must be less than or equal to " + max));
        }
        if (s.get("pattern") instanceof StringValue p && GoRegex.isValid(p.value())
                && !com.google.re2j.Pattern.compile(p.value()).matcher(str).find()) {
            out.add(new Failure(field, "pattern", "Does not match pattern '" + p.value() + "'"));
        }
    }

    private static void validateNumber(ObjectValue s, NumberValue n, String field, List<Failure> out) {
        BigDecimal v = n.bigDecimalValue();
        if (s.get("multipleOf") instanceof NumberValue m && m.signum() > 0
                && v.remainder(m.bigDecimalValue()).signum() != 0) {
            out.add(new Failure(field, "multiple_of", "Must be a multiple of " + m));
        }
        boolean draft4ExclusiveMin = s.get("exclusiveMinimum") == BooleanValue.TRUE;
        boolean draft4ExclusiveMax = s.get("exclusiveMaximum") == BooleanValue.TRUE;
        if (s.get("minimum") instanceof NumberValue min) {
            int c = v.compareTo(min.bigDecimalValue());
            if (draft4ExclusiveMin ? c <= 0 : c < 0) {
                out.add(new Failure(field, draft4ExclusiveMin ? "number_gt" : "number_gte",
                        (draft4ExclusiveMin ? "Must be greater than " : "Must be greater than or equal to ") + min));
            }
        }
        if (s.get("maximum") instanceof NumberValue max) {
            int c = v.compareTo(max.bigDecimalValue());
            if (draft4ExclusiveMax ? c >= 0 : c > 0) {
                out.add(new Failure(field, draft4ExclusiveMax ? "number_lt" : "number_lte",
                        (draft4ExclusiveMax ? "Must be less than " : "Must be less than or equal to ") + max));
            }
        }
        if (s.get("exclusiveMinimum") instanceof NumberValue min && v.compareTo(min.bigDecimalValue()) <= 0) {
            out.add(new Failure(field, "number_gt", "Must be greater than " + min));
        }
        if (s.get("exclusiveMaximum") instanceof NumberValue max && v.compareTo(max.bigDecimalValue()) >= 0) {
            out.add(new Failure(field, "number_lt", "Must be less than " + max));
        }
    }
}
