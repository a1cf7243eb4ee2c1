package io.changegate.rego.builtins;

import static io.changegate.rego.builtins.Builtins.fn;
import static io.changegate.rego.builtins.Type.ANY;
import static io.changegate.rego.builtins.Type.ANY_OBJECT;
import static io.changegate.rego.builtins.Type.BOOLEAN;
import static io.changegate.rego.builtins.Type.STRING;
import static io.changegate.rego.builtins.Type.arrayOf;
import static io.changegate.rego.builtins.Type.objectOf;
import static io.changegate.rego.builtins.Type.oneOf;
import static io.changegate.rego.builtins.Type.setOf;

import io.changegate.rego.value.ArrayValue;
import io.changegate.rego.value.BooleanValue;
import io.changegate.rego.value.Json;
import io.changegate.rego.value.ObjectValue;
import io.changegate.rego.value.SetValue;
import io.changegate.rego.value.StringValue;
import io.changegate.rego.value.Value;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Encodings: base64, base64url, hex, URL query strings, JSON and YAML. */
final class EncodingBuiltins {
    private EncodingBuiltins() {
    }

    static final List<Builtin> ALL = List.of(
            fn("base64.encode", List.of(STRING), STRING, (ctx, a) ->
                    StringValue.of(GoBase64.encode(utf8(Operands.string("base64.encode", a, 1)), GoBase64.STD, true))),
            fn("base64.decode", List.of(STRING), STRING, (ctx, a) -> {
                try {
                    return StringValue.of(text(GoBase64.decode(Operands.string("base64.decode", a, 1), GoBase64.STD, true)));
                } catch (GoBase64.CorruptInput e) {
                    throw BuiltinException.error("base64.decode: " + e.getMessage());
                }
            }),
            fn("base64.is_valid", List.of(STRING), BOOLEAN, (ctx, a) -> {
                if (!(a[0] instanceof StringValue s)) {
                    return BooleanValue.FALSE;
                }
                try {
                    GoBase64.decode(s.value(), GoBase64.STD, true);
                    return BooleanValue.TRUE;
                } catch (GoBase64.CorruptInput e) {
                    return BooleanValue.FALSE;
                }
            }),
            fn("base64url.encode", List.of(STRING), STRING, (ctx, a) ->
                    StringValue.of(GoBase64.encode(utf8(Operands.string("base64url.encode", a, 1)), GoBase64.URL, true))),
            fn("base64url.encode_no_pad", List.of(STRING), STRING, (ctx, a) ->
                    StringValue.of(GoBase64.encode(utf8(Operands.string("base64url.encode_no_pad", a, 1)), GoBase64.URL, false))),
            fn("base64url.decode", List.of(STRING), STRING, (ctx, a) -> {
                try {
                    return StringValue.of(text(GoBase64.decodeUrlLenient(Operands.string("base64url.decode", a, 1))));
                } catch (GoBase64.CorruptInput | IllegalArgumentException e) {
                    throw BuiltinException.error("base64url.decode: " + e.getMessage());
                }
            }),
            fn("hex.encode", List.of(STRING), STRING, (ctx, a) ->
                    StringValue.of(java.util.HexFormat.of().formatHex(utf8(Operands.string("hex.encode", a, 1))))),
            fn("hex.decode", List.of(STRING), STRING, (ctx, a) ->
                    StringValue.of(text(hexDecode("hex.decode", Operands.string("hex.decode", a, 1))))),
            fn("urlquery.encode", List.of(STRING), STRING, (ctx, a) ->
                    StringValue.of(queryEscape(Operands.string("urlquery.encode", a, 1)))),
            fn("urlquery.decode", List.of(STRING), STRING, (ctx, a) ->
                    StringValue.of(queryUnescape("urlquery.decode", Operands.string("urlquery.decode", a, 1)))),
            fn("urlquery.encode_object", List.of(objectOf(STRING, oneOf(STRING, arrayOf(STRING), setOf(STRING)))), STRING,
                    EncodingBuiltins::encodeObject),
            fn("urlquery.decode_object", List.of(STRING), objectOf(STRING, arrayOf(STRING)), (ctx, a) -> {
                String q = Operands.string("urlquery.decode_object", a, 1);
                Map<String, List<Value>> m = new LinkedHashMap<>();
                for (String part : q.split("&", -1)) {
                    if (part.isEmpty()) {
                        continue;
                    }
                    if (part.contains(";")) {
                        throw BuiltinException.error("urlquery.decode_object: invalid semicolon separator in query");
                    }
                    int eq = part.indexOf('=');
                    String k = queryUnescape("urlquery.decode_object", eq < 0 ? part : part.substring(0, eq));
                    String v = queryUnescape("urlquery.decode_object", eq < 0 ? "" : part.substring(eq + 1));
                    m.computeIfAbsent(k, x -> new ArrayList<>()).add(StringValue.of(v));
                }
                ObjectValue.Builder b = ObjectValue.builder();
                m.forEach((k, v) -> b.put(k, ArrayValue.of(v)));
                return b.build();
            }),
            fn("json.marshal", List.of(ANY), STRING, (ctx, a) -> StringValue.of(Json.writeGo(a[0]))),
            // As OPA declares it: object<indent: string, prefix: string, pretty: boolean>[string: any].
            fn("json.marshal_with_options", List.of(ANY, new Type.ObjectWith(java.util.Map.of("indent", STRING,
                    "prefix", STRING, "pretty", BOOLEAN), STRING, ANY)), STRING,
                    EncodingBuiltins::marshalWithOptions),
            fn("json.unmarshal", List.of(STRING), ANY, (ctx, a) -> {
                try {
                    return GoJson.parse(Operands.string("json.unmarshal", a, 1));
                } catch (GoJson.SyntaxError e) {
                    throw BuiltinException.error("json.unmarshal: " + e.getMessage());
                }
            }),
            fn("json.is_valid", List.of(STRING), BOOLEAN, (ctx, a) ->
                    BooleanValue.of(a[0] instanceof StringValue s && GoJson.isValid(s.value()))),
            fn("yaml.marshal", List.of(ANY), STRING, (ctx, a) -> StringValue.of(GoYaml.marshal(a[0]))),
            fn("yaml.unmarshal", List.of(STRING), ANY, (ctx, a) -> {
                try {
                    return GoYaml.unmarshal(Operands.string("yaml.unmarshal", a, 1));
                } catch (GoYaml.YamlError e) {
                    throw BuiltinException.error("yaml.unmarshal: " + e.getMessage());
                }
            }),
            fn("yaml.is_valid", List.of(STRING), BOOLEAN, (ctx, a) -> {
                if (!(a[0] instanceof StringValue s)) {
                    return BooleanValue.FALSE;
                }
                try {
                    GoYaml.unmarshal(s.value());
                    return BooleanValue.TRUE;
                } catch (GoYaml.YamlError e) {
                    return BooleanValue.FALSE;
                }
            }));

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    static byte[] hexDecode(String fn, String s) throws BuiltinException {
        byte[] in = utf8(s);
        ByteArrayOutputStream out = new ByteArrayOutputStream(in.length / 2);
        int j = 1;
        for (; j < in.length; j += 2) {
            int p = Character.digit(in[j - 1] & 0xFF, 16);
            int q = Character.digit(in[j] & 0xFF, 16);
            if (p < 0 || (in[j - 1] & 0xFF) > 'f') {
                throw invalidHexByte(fn, in[j - 1]);
            }
            if (q < 0 || (in[j] & 0xFF) > 'f') {
                throw invalidHexByte(fn, in[j]);
            }
            out.write(p << 4 | q);
        }
        if (in.length % 2 == 1) {
            if (Character.digit(in[j - 1] & 0xFF, 16) < 0) {
                throw invalidHexByte(fn, in[j - 1]);
            }
            throw BuiltinException.error(fn + ": encoding/hex: odd length hex string");
        }
        return out.toByteArray();
    }

    private static BuiltinException invalidHexByte(String fn, byte b) {
        int c = b & 0xFF;
        String printable = c >= 0x20 && c != 0x7F && !(c >= 0x80 && c < 0xA0) ? " '" + (char) c + "'" : "";
        return BuiltinException.error(fn + ": encoding/hex: invalid byte: " + String.format("U+%04X", c) + printable);
    }

    /** Go's {@code url.QueryEscape}. */
    static String queryEscape(String s) {
        StringBuilder sb = new StringBuilder();
        for (byte b : utf8(s)) {
            int c = b & 0xFF;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.' || c == '~') {
                sb.append((char) c);
            } else if (c == ' ') {
                sb.append('+');
            } else {
                sb.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16))).append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
            }
        }
        return sb.toString();
    }

    /** Go's {@code url.QueryUnescape}. */
    static String queryUnescape(String fn, String s) throws BuiltinException {
        byte[] in = utf8(s);
        ByteArrayOutputStream out = new ByteArrayOutputStream(in.length);
        for (int i = 0; i < in.length; i++) {
            int c = in[i] & 0xFF;
            if (c == '%') {
                if (i + 2 >= in.length || Character.digit(in[i + 1], 16) < 0 || Character.digit(in[i + 2], 16) < 0) {
                    String bad = new String(in, i, Math.min(3, in.length - i), StandardCharsets.UTF_8);
                    throw BuiltinException.error(fn + ": invalid URL escape " + GoFormat.quote(bad, false));
                }
                out.write(Character.digit(in[i + 1], 16) << 4 | Character.digit(in[i + 2], 16));
                i += 2;
            } else if (c == '+') {
                out.write(' ');
            } else {
                out.write(c);
            }
        }
        return text(out.toByteArray());
    }

    private static Value encodeObject(BuiltinContext ctx, Value[] a) throws BuiltinException {
        ObjectValue obj = Operands.object("urlquery.encode_object", a, 1);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < obj.size(); i++) {
            if (!(obj.keyAt(i) instanceof StringValue k)) {
                throw BuiltinException.typeError("urlquery.encode_object: operand 1 must be object[string: any<string, array[string], set[string]>] but got object");
            }
            List<Value> vs = switch (obj.valueAt(i)) {
                case StringValue s -> List.of(s);
                case ArrayValue arr -> arr.asList();
                case SetValue set -> set.asList();
                default -> throw BuiltinException.typeError("urlquery.encode_object: operand 1 must be object[string: any<string, array[string], set[string]>] but got object");
            };
            for (Value v : vs) {
                if (!(v instanceof StringValue s)) {
                    throw BuiltinException.typeError("urlquery.encode_object: operand 1 must be object[string: any<string, array[string], set[string]>] but got object");
                }
                if (!sb.isEmpty()) {
                    sb.append('&');
                }
                sb.append(queryEscape(k.value())).append('=').append(queryEscape(s.value()));
            }
        }
        return StringValue.of(sb.toString());
    }

    private static Value marshalWithOptions(BuiltinContext ctx, Value[] a) throws BuiltinException {
        String fn = "json.marshal_with_options";
        ObjectValue opts = Operands.object(fn, a, 2);
        Boolean pretty = null;
        String indent = null;
        String prefix = null;
        for (int i = 0; i < opts.size(); i++) {
            Value k = opts.keyAt(i);
            Value v = opts.valueAt(i);
            String key = k instanceof StringValue ks ? ks.value() : k.toJson();
            switch (key) {
                case "pretty" -> {
                    if (!(v instanceof BooleanValue b)) {
                        throw BuiltinException.typeError(fn + ": operand 2 \"pretty\" must be boolean but got " + v.typeName());
                    }
                    pretty = b.value();
                }
                case "indent" -> {
                    if (!(v instanceof StringValue s)) {
                        throw BuiltinException.typeError(fn + ": operand 2 \"indent\" must be string but got " + v.typeName());
                    }
                    indent = s.value();
                }
                case "prefix" -> {
                    if (!(v instanceof StringValue s)) {
                        throw BuiltinException.typeError(fn + ": operand 2 \"prefix\" must be string but got " + v.typeName());
                    }
                    prefix = s.value();
                }
                default -> throw BuiltinException.typeError(fn + ": operand 2 object contained unknown key " + GoFormat.quote(key, false));
            }
        }
        boolean doPretty = pretty != null ? pretty : (indent != null || prefix != null);
        if (!doPretty) {
            return StringValue.of(Json.writeGo(a[0]));
        }
        StringBuilder sb = new StringBuilder();
        String p = prefix == null ? "" : prefix;
        sb.append(p);
        indented(a[0], sb, p, indent == null ? "\t" : indent, 0);
        return StringValue.of(sb.toString());
    }

    private static void indented(Value v, StringBuilder sb, String prefix, String indent, int depth) {
        List<Value> items = switch (v) {
            case ArrayValue arr -> arr.asList();
            case SetValue set -> set.asList();
            default -> null;
        };
        if (items != null) {
            if (items.isEmpty()) {
                sb.append("[]");
                return;
            }
            sb.append('[');
            for (int i = 0; i < items.size(); i++) {
                sb.append(i > 0 ? "," : "").append('\n').append(prefix).append(indent.repeat(depth + 1));
                indented(items.get(i), sb, prefix, indent, depth + 1);
            }
            sb.append('\n').append(prefix).append(indent.repeat(depth)).append(']');
            return;
        }
        if (v instanceof ObjectValue o) {
            if (o.isEmpty()) {
                sb.append("{}");
                return;
            }
            sb.append('{');
            for (int i = 0; i < o.size(); i++) {
                sb.append(i > 0 ? "," : "").append('\n').append(prefix).append(indent.repeat(depth + 1));
                Value k = o.keyAt(i);
                sb.append(Json.writeGo(k instanceof StringValue ? k : StringValue.of(k.toJson()))).append(": ");
                indented(o.valueAt(i), sb, prefix, indent, depth + 1);
            }
            sb.append('\n').append(prefix).append(indent.repeat(depth)).append('}');
            return;
        }
        sb.append(Json.writeGo(v));
    }
}
