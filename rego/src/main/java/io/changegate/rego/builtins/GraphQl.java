package io.changegate.rego.builtins;

import io.changegate.rego.value.ArrayValue;
import io.changegate.rego.value.BooleanValue;
import io.changegate.rego.value.NumberValue;
import io.changegate.rego.value.ObjectValue;
import io.changegate.rego.value.StringValue;
import io.changegate.rego.value.Value;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * GraphQL documents as OPA's graphql builtins see them (gqlparser): a lexer and parser for query
 * and schema documents producing gqlparser's AST as values (empty parts pruned, as OPA does),
 * and the validation rules that matter for policy checks, with gqlparser's error texts.
 */
final class GraphQl {
    /** A syntax or validation error at a position. */
    static final class GraphQlException extends Exception {
        final boolean validation;

        GraphQlException(String message, int line, int col, boolean validation) {
            super(message + (validation ? "\n" : "") + " in GraphQL string at location " + line + ":" + col, null, false, false);
            this.validation = validation;
        }
    }

    private record Tok(String kind, String text, int line, int col) {
    }

    private final List<Tok> toks = new ArrayList<>();
    private int pos;

    private GraphQl(String src) throws GraphQlException {
        lex(src);
    }

    private void lex(String s) throws GraphQlException {
        int i = 0;
        int line = 1;
        int lineStart = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            int col = i - lineStart + 1;
            if (c == '\n') {
                line++;
                lineStart = i + 1;
                i++;
            } else if (c == ' ' || c == '\t' || c == ',' || c == '\r' || c == '\uFEFF') {
                i++;
            } else if (c == '#') {
                while (i < s.length() && s.charAt(i) != '\n') {
                    i++;
                }
            } else if ("!$&()[]{}:=@|".indexOf(c) >= 0) {
                toks.add(new Tok("punct", String.valueOf(c), line, col));
                i++;
            } else if (s.startsWith("...", i)) {
                toks.add(new Tok("punct", "...", line, col));
                i += 3;
            } else if (Character.isLetter(c) || c == '_') {
                int st = i;
                while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_')) {
                    i++;
                }
                toks.add(new Tok("name", s.substring(st, i), line, col));
            } else if (c == '-' || Character.isDigit(c)) {
                int st = i;
                i++;
                boolean isFloat = false;
                while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.' || s.charAt(i) == 'e' || s.charAt(i) == 'E'
                        || ((s.charAt(i) == '+' || s.charAt(i) == '-') && (s.charAt(i - 1) == 'e' || s.charAt(i - 1) == 'E')))) {
                    isFloat |= !Character.isDigit(s.charAt(i));
                    i++;
                }
                toks.add(new Tok(isFloat ? "float" : "int", s.substring(st, i), line, col));
            } else if (s.startsWith("\"\"\"", i)) {
                int end = s.indexOf("\"\"\"", i + 3);
                if (end < 0) {
                    throw new GraphQlException("Unterminated string.", line, col, false);
                }
                toks.add(new Tok("block", s.substring(i + 3, end), line, col));
                for (int k = i; k < end; k++) {
                    if (s.charAt(k) == '\n') {
                        line++;
                        lineStart = k + 1;
                    }
                }
                i = end + 3;
            } else if (c == '"') {
                StringBuilder sb = new StringBuilder();
                i++;
                while (true) {
                    if (i >= s.length() || s.charAt(i) == '\n') {
                        throw new GraphQlException("Unterminated string.", line, col, false);
                    }
                    char d = s.charAt(i++);
                    if (d == '"') {
                        break;
                    }
                    if (d == '\\' && i < s.length()) {
                        char e = s.charAt(i++);
                        switch (e) {
                            case 'n' -> sb.append('\n');
                            case 't' -> sb.append('\t');
                            case 'r' -> sb.append('\r');
                            case 'b' -> sb.append('\b');
                            case 'f' -> sb.append('\f');
                            case 'u' -> {
                                sb.append((char) Integer.parseInt(s.substring(i, Math.min(i + 4, s.length())), 16));
                                i += 4;
                            }
                            default -> sb.append(e);
                        }
                    } else {
                        sb.append(d);
                    }
                }
                toks.add(new Tok("string", sb.toString(), line, col));
            } else {
                throw new GraphQlException("Unexpected <" + c + ">", line, col, false);
            }
        }
        toks.add(new Tok("eof", "<EOF>", line, s.length() - lineStart + 1));
    }

    private Tok peek() {
        return toks.get(pos);
    }

    private boolean at(String text) {
        Tok t = peek();
        return !t.kind().equals("string") && !t.kind().equals("block") && t.text().equals(text);
    }

    private GraphQlException expected(String what) {
        Tok t = peek();
        String found = t.kind().equals("eof") ? "<EOF>" : t.kind().equals("name") ? "Name \"" + t.text() + "\""
                : t.kind().equals("punct") ? t.text() : t.kind().equals("string") ? "String \"" + t.text() + "\"" : t.text();
        return new GraphQlException("Expected " + what + ", found " + found, t.line(), t.col(), false);
    }

    private void expect(String punct) throws GraphQlException {
        if (!at(punct) || !peek().kind().equals("punct")) {
            throw expected(punct);
        }
        pos++;
    }

    private String name() throws GraphQlException {
        if (!peek().kind().equals("name")) {
            throw expected("Name");
        }
        return toks.get(pos++).text();
    }

    private static Value str(String s) {
        return StringValue.of(s);
    }

    // Query documents

    static ObjectValue parseQuery(String src) throws GraphQlException {
        GraphQl p = new GraphQl(src);
        List<Value> ops = new ArrayList<>();
        List<Value> fragments = new ArrayList<>();
        if (p.peek().kind().equals("eof")) {
            throw p.expected("Name");
        }
        while (!p.peek().kind().equals("eof")) {
            if (p.at("{")) {
                ops.add(ObjectValue.builder().put("Name", str("")).put("Operation", str("query"))
                        .put("SelectionSet", p.selectionSet()).build());
            } else if (p.at("query") || p.at("mutation") || p.at("subscription")) {
                String op = p.name();
                String name = p.peek().kind().equals("name") ? p.name() : "";
                ObjectValue.Builder b = ObjectValue.builder().put("Name", str(name)).put("Operation", str(op));
                if (p.at("(")) {
                    b.put("VariableDefinitions", p.variableDefinitions());
                }
                p.directives(b);
                b.put("SelectionSet", p.selectionSet());
                ops.add(b.build());
            } else if (p.at("fragment")) {
                p.pos++;
                String name = p.name();
                if (!p.at("on")) {
                    throw p.expected("\"on\"");
                }
                p.pos++;
                String type = p.name();
                ObjectValue.Builder b = ObjectValue.builder().put("Name", str(name)).put("TypeCondition", str(type));
                p.directives(b);
                b.put("SelectionSet", p.selectionSet());
                fragments.add(b.build());
            } else {
                Tok t = p.peek();
                throw new GraphQlException("Unexpected " + (t.kind().equals("name") ? "Name \"" + t.text() + "\"" : t.text()), t.line(), t.col(), false);
            }
        }
        ObjectValue.Builder doc = ObjectValue.builder();
        doc.put("Operations", ArrayValue.of(ops));
        doc.put("Fragments", ArrayValue.of(fragments));
        return (ObjectValue) prune(doc.build());
    }

    private Value variableDefinitions() throws GraphQlException {
        expect("(");
        List<Value> defs = new ArrayList<>();
        while (!at(")")) {
            expect("$");
            String var = name();
            expect(":");
            ObjectValue.Builder b = ObjectValue.builder().put("Variable", str(var)).put("Type", type()).put("Used", BooleanValue.FALSE);
            if (at("=")) {
                pos++;
                b.put("DefaultValue", value(true));
            }
            directives(b);
            defs.add(b.build());
        }
        expect(")");
        return ArrayValue.of(defs);
    }

    private Value type() throws GraphQlException {
        ObjectValue.Builder b = ObjectValue.builder();
        if (at("[")) {
            pos++;
            b.put("Elem", type());
            expect("]");
        } else {
            b.put("NamedType", str(name()));
        }
        boolean nonNull = at("!");
        if (nonNull) {
            pos++;
        }
        b.put("NonNull", BooleanValue.of(nonNull));
        return b.build();
    }

    private void directives(ObjectValue.Builder b) throws GraphQlException {
        List<Value> ds = new ArrayList<>();
        while (at("@")) {
            pos++;
            ObjectValue.Builder d = ObjectValue.builder().put("Name", str(name()));
            if (at("(")) {
                d.put("Arguments", arguments(false));
            }
            ds.add(d.build());
        }
        if (!ds.isEmpty()) {
            b.put("Directives", ArrayValue.of(ds));
        }
    }

    private Value selectionSet() throws GraphQlException {
        expect("{");
        List<Value> sels = new ArrayList<>();
        do {
            if (at("...")) {
                pos++;
                if (at("on")) {
                    pos++;
                    ObjectValue.Builder b = ObjectValue.builder().put("TypeCondition", str(name()));
                    directives(b);
                    b.put("SelectionSet", selectionSet());
                    sels.add(b.build());
                } else if (at("{") || at("@")) {
                    ObjectValue.Builder b = ObjectValue.builder().put("TypeCondition", str(""));
                    directives(b);
                    b.put("SelectionSet", selectionSet());
                    sels.add(b.build());
                } else {
                    ObjectValue.Builder b = ObjectValue.builder().put("Name", str(name()));
                    directives(b);
                    sels.add(b.build());
                }
                continue;
            }
            Tok start = peek();
            String alias = name();
            String name = alias;
            if (at(":")) {
                pos++;
                name = name();
            }
            ObjectValue.Builder b = ObjectValue.builder().put("Alias", str(alias)).put("Name", str(name))
                    .put("$line", NumberValue.of(start.line())).put("$col", NumberValue.of(start.col()));
            if (at("(")) {
                b.put("Arguments", arguments(false));
            }
            directives(b);
            if (at("{")) {
                b.put("SelectionSet", selectionSet());
            }
            sels.add(b.build());
        } while (!at("}"));
        expect("}");
        return ArrayValue.of(sels);
    }

    private Value arguments(boolean constant) throws GraphQlException {
        expect("(");
        List<Value> args = new ArrayList<>();
        do {
            String n = name();
            expect(":");
            args.add(ObjectValue.of("Name", str(n), "Value", value(constant)));
        } while (!at(")"));
        expect(")");
        return ArrayValue.of(args);
    }

    private Value value(boolean constant) throws GraphQlException {
        Tok t = peek();
        switch (t.kind()) {
            case "int" -> {
                pos++;
                return ObjectValue.of("Kind", NumberValue.of(1), "Raw", str(t.text()));
            }
            case "float" -> {
                pos++;
                return ObjectValue.of("Kind", NumberValue.of(2), "Raw", str(t.text()));
            }
            case "string" -> {
                pos++;
                return ObjectValue.of("Kind", NumberValue.of(3), "Raw", str(t.text()));
            }
            case "block" -> {
                pos++;
                return ObjectValue.of("Kind", NumberValue.of(4), "Raw", str(t.text()));
            }
            case "name" -> {
                pos++;
                int kind = switch (t.text()) {
                    case "true", "false" -> 5;
                    case "null" -> 6;
                    default -> 7;
                };
                return ObjectValue.of("Kind", NumberValue.of(kind), "Raw", str(t.text()));
            }
            default -> {
            }
        }
        if (at("$") && !constant) {
            pos++;
            return ObjectValue.of("Kind", NumberValue.of(0), "Raw", str(name()));
        }
        if (at("[")) {
            pos++;
            List<Value> children = new ArrayList<>();
            while (!at("]")) {
                children.add(ObjectValue.of("Name", str(""), "Value", value(constant)));
            }
            pos++;
            return ObjectValue.of("Kind", NumberValue.of(8), "Raw", str(""), "Children", ArrayValue.of(children));
        }
        if (at("{")) {
            pos++;
            List<Value> children = new ArrayList<>();
            while (!at("}")) {
                String n = name();
                expect(":");
                children.add(ObjectValue.of("Name", str(n), "Value", value(constant)));
            }
            pos++;
            return ObjectValue.of("Kind", NumberValue.of(9), "Raw", str(""), "Children", ArrayValue.of(children));
        }
        throw new GraphQlException("Unexpected " + t.text(), t.line(), t.col(), false);
    }

    /** Drops nulls, empty lists and empty objects, and the position markers kept for validation. */
    static Value prune(Value v) {
        if (v instanceof ObjectValue o) {
            ObjectValue.Builder b = ObjectValue.builder();
            for (int i = 0; i < o.size(); i++) {
                Value k = o.keyAt(i);
                if (k instanceof StringValue ks && ks.value().startsWith("$")) {
                    continue;
                }
                Value x = prune(o.valueAt(i));
                if (x instanceof io.changegate.rego.value.NullValue || x instanceof ArrayValue a && a.size() == 0
                        || x instanceof ObjectValue xo && xo.isEmpty()) {
                    continue;
                }
                b.put(k, x);
            }
            return b.build();
        }
        if (v instanceof ArrayValue a) {
            List<Value> out = new ArrayList<>();
            for (Value x : a.asList()) {
                out.add(prune(x));
            }
            return ArrayValue.of(out);
        }
        return v;
    }

    // Schema documents

    /** A parsed schema: its AST and its types by name (with gqlparser's prelude types). */
    record Schema(ObjectValue ast, Map<String, ObjectValue> types) {
    }

    static Schema parseSchema(String src) throws GraphQlException {
        GraphQl p = new GraphQl(src);
        List<Value> defs = new ArrayList<>();
        while (!p.peek().kind().equals("eof")) {
            String description = "";
            if (p.peek().kind().equals("string") || p.peek().kind().equals("block")) {
                description = p.toks.get(p.pos++).text();
            }
            Tok kw = p.peek();
            String keyword = p.name();
            boolean extend = keyword.equals("extend");
            if (extend) {
                keyword = p.name();
            }
            switch (keyword) {
                case "schema" -> {
                    p.directives(ObjectValue.builder());
                    p.expect("{");
                    while (!p.at("}")) {
                        p.name();
                        p.expect(":");
                        p.name();
                    }
                    p.expect("}");
                }
                case "type", "interface", "input" -> {
                    String name = p.name();
                    ObjectValue.Builder b = ObjectValue.builder().put("Kind", str(switch (keyword) {
                        case "type" -> "OBJECT";
                        case "interface" -> "INTERFACE";
                        default -> "INPUT_OBJECT";
                    })).put("Name", str(name)).put("Description", str(description)).put("BuiltIn", BooleanValue.FALSE);
                    if (p.at("implements")) {
                        p.pos++;
                        List<Value> ifaces = new ArrayList<>();
                        if (p.at("&")) {
                            p.pos++;
                        }
                        ifaces.add(str(p.name()));
                        while (p.at("&")) {
                            p.pos++;
                            ifaces.add(str(p.name()));
                        }
                        b.put("Interfaces", ArrayValue.of(ifaces));
                    }
                    p.directives(b);
                    if (p.at("{")) {
                        b.put("Fields", p.fieldDefinitions(keyword.equals("input")));
                    }
                    defs.add(b.build());
                }
                case "scalar" -> {
                    ObjectValue.Builder b = ObjectValue.builder().put("Kind", str("SCALAR")).put("Name", str(p.name()))
                            .put("Description", str(description)).put("BuiltIn", BooleanValue.FALSE);
                    p.directives(b);
                    defs.add(b.build());
                }
                case "enum" -> {
                    ObjectValue.Builder b = ObjectValue.builder().put("Kind", str("ENUM")).put("Name", str(p.name()))
                            .put("Description", str(description)).put("BuiltIn", BooleanValue.FALSE);
                    p.directives(b);
                    p.expect("{");
                    List<Value> values = new ArrayList<>();
                    while (!p.at("}")) {
                        String d = "";
                        if (p.peek().kind().equals("string") || p.peek().kind().equals("block")) {
                            d = p.toks.get(p.pos++).text();
                        }
                        ObjectValue.Builder ev = ObjectValue.builder().put("Name", str(p.name())).put("Description", str(d));
                        p.directives(ev);
                        values.add(ev.build());
                    }
                    p.expect("}");
                    b.put("EnumValues", ArrayValue.of(values));
                    defs.add(b.build());
                }
                case "union" -> {
                    ObjectValue.Builder b = ObjectValue.builder().put("Kind", str("UNION")).put("Name", str(p.name()))
                            .put("Description", str(description)).put("BuiltIn", BooleanValue.FALSE);
                    p.directives(b);
                    p.expect("=");
                    List<Value> types = new ArrayList<>();
                    if (p.at("|")) {
                        p.pos++;
                    }
                    types.add(str(p.name()));
                    while (p.at("|")) {
                        p.pos++;
                        types.add(str(p.name()));
                    }
                    b.put("Types", ArrayValue.of(types));
                    defs.add(b.build());
                }
                case "directive" -> {
                    p.expect("@");
                    p.name();
                    if (p.at("(")) {
                        p.argumentDefinitions();
                    }
                    if (p.at("repeatable")) {
                        p.pos++;
                    }
                    if (!p.at("on")) {
                        throw p.expected("on");
                    }
                    p.pos++;
                    if (p.at("|")) {
                        p.pos++;
                    }
                    p.name();
                    while (p.at("|")) {
                        p.pos++;
                        p.name();
                    }
                }
                default -> throw new GraphQlException("Unexpected Name \"" + keyword + "\"", kw.line(), kw.col(), false);
            }
        }
        ObjectValue ast = (ObjectValue) prune(ObjectValue.of("Definitions", ArrayValue.of(defs)));
        Map<String, ObjectValue> types = new LinkedHashMap<>();
        for (String scalar : List.of("Int", "Float", "String", "Boolean", "ID")) {
            types.put(scalar, ObjectValue.of("Kind", str("SCALAR"), "Name", str(scalar)));
        }
        for (Value d : defs) {
            ObjectValue o = (ObjectValue) d;
            types.put(((StringValue) o.get("Name")).value(), o);
        }
        // Every named type a field refers to must exist.
        for (Value d : defs) {
            ObjectValue o = (ObjectValue) d;
            if (o.get("Fields") instanceof ArrayValue fields) {
                for (Value f : fields.asList()) {
                    String t = namedType(((ObjectValue) f).get("Type"));
                    if (!types.containsKey(t)) {
                        throw new GraphQlException("Undefined type " + t + ".", 0, 0, true);
                    }
                }
            }
        }
        return new Schema(ast, types);
    }

    private Value fieldDefinitions(boolean input) throws GraphQlException {
        expect("{");
        List<Value> fields = new ArrayList<>();
        while (!at("}")) {
            String d = "";
            if (peek().kind().equals("string") || peek().kind().equals("block")) {
                d = toks.get(pos++).text();
            }
            ObjectValue.Builder f = ObjectValue.builder().put("Description", str(d)).put("Name", str(name()));
            if (at("(") && !input) {
                f.put("Arguments", argumentDefinitions());
            }
            expect(":");
            f.put("Type", type());
            if (at("=")) {
                pos++;
                f.put("DefaultValue", value(true));
            }
            directives(f);
            fields.add(f.build());
        }
        expect("}");
        return ArrayValue.of(fields);
    }

    private Value argumentDefinitions() throws GraphQlException {
        expect("(");
        List<Value> args = new ArrayList<>();
        while (!at(")")) {
            String d = "";
            if (peek().kind().equals("string") || peek().kind().equals("block")) {
                d = toks.get(pos++).text();
            }
            ObjectValue.Builder a = ObjectValue.builder().put("Description", str(d)).put("Name", str(name()));
            expect(":");
            a.put("Type", type());
            if (at("=")) {
                pos++;
                a.put("DefaultValue", value(true));
            }
            directives(a);
            args.add(a.build());
        }
        expect(")");
        return ArrayValue.of(args);
    }

    static String namedType(Value type) {
        ObjectValue t = (ObjectValue) type;
        while (t.get("Elem") instanceof ObjectValue e) {
            t = e;
        }
        return ((StringValue) t.get("NamedType")).value();
    }

    private static String typeString(Value type) {
        ObjectValue t = (ObjectValue) type;
        String s = t.get("Elem") != null ? "[" + typeString(t.get("Elem")) + "]" : ((StringValue) t.get("NamedType")).value();
        return t.get("NonNull") == BooleanValue.TRUE ? s + "!" : s;
    }

    // Validation

    /** Validates a query (parsed with positions) against a schema; throws the first error as gqlparser words it. */
    static void validate(String query, Schema schema) throws GraphQlException {
        GraphQl p = new GraphQl(query);
        ObjectValue raw = p.rawQuery();
        ObjectValue queryType = schema.types().get("Query");
        if (raw.get("Operations") instanceof ArrayValue ops) {
            for (Value op : ops.asList()) {
                ObjectValue o = (ObjectValue) op;
                String kind = ((StringValue) o.get("Operation")).value();
                ObjectValue root = switch (kind) {
                    case "mutation" -> schema.types().get("Mutation");
                    case "subscription" -> schema.types().get("Subscription");
                    default -> queryType;
                };
                if (root == null) {
                    throw new GraphQlException("Schema does not support operation type \"" + kind + "\"", 1, 1, true);
                }
                selections(o.get("SelectionSet"), root, schema);
            }
        }
    }

    private ObjectValue rawQuery() throws GraphQlException {
        List<Value> ops = new ArrayList<>();
        while (!peek().kind().equals("eof")) {
            if (at("{")) {
                ops.add(ObjectValue.of("Operation", str("query"), "SelectionSet", selectionSet()));
            } else if (at("query") || at("mutation") || at("subscription")) {
                String op = name();
                if (peek().kind().equals("name")) {
                    name();
                }
                if (at("(")) {
                    variableDefinitions();
                }
                directives(ObjectValue.builder());
                ops.add(ObjectValue.of("Operation", str(op), "SelectionSet", selectionSet()));
            } else if (at("fragment")) {
                pos++;
                name();
                pos++;
                name();
                directives(ObjectValue.builder());
                selectionSet();
            } else {
                throw expected("Name");
            }
        }
        return ObjectValue.of("Operations", ArrayValue.of(ops));
    }

    private static void selections(Value set, ObjectValue type, Schema schema) throws GraphQlException {
        if (!(set instanceof ArrayValue sels)) {
            return;
        }
        String typeName = ((StringValue) type.get("Name")).value();
        Map<String, ObjectValue> fields = new LinkedHashMap<>();
        if (type.get("Fields") instanceof ArrayValue fs) {
            for (Value f : fs.asList()) {
                fields.put(((StringValue) ((ObjectValue) f).get("Name")).value(), (ObjectValue) f);
            }
        }
        for (Value s : sels.asList()) {
            ObjectValue sel = (ObjectValue) s;
            if (sel.get("Alias") == null) {
                continue; // fragments are not checked further here
            }
            String name = ((StringValue) sel.get("Name")).value();
            int line = sel.get("$line") instanceof NumberValue n ? (int) n.longValue() : 0;
            int col = sel.get("$col") instanceof NumberValue n ? (int) n.longValue() : 0;
            if (name.equals("__typename")) {
                continue;
            }
            ObjectValue def = fields.get(name);
            if (def == null) {
                throw new GraphQlException("Cannot query field \"" + name + "\" on type \"" + typeName + "\"."
                        + suggestion(name, new ArrayList<>(fields.keySet())), line, col, true);
            }
            Map<String, ObjectValue> argDefs = new LinkedHashMap<>();
            if (def.get("Arguments") instanceof ArrayValue ads) {
                for (Value a : ads.asList()) {
                    argDefs.put(((StringValue) ((ObjectValue) a).get("Name")).value(), (ObjectValue) a);
                }
            }
            List<String> given = new ArrayList<>();
            if (sel.get("Arguments") instanceof ArrayValue args) {
                for (Value a : args.asList()) {
                    String an = ((StringValue) ((ObjectValue) a).get("Name")).value();
                    if (!argDefs.containsKey(an)) {
                        throw new GraphQlException("Unknown argument \"" + an + "\" on field \"" + typeName + "." + name + "\".", line, col, true);
                    }
                    given.add(an);
                }
            }
            for (Map.Entry<String, ObjectValue> e : argDefs.entrySet()) {
                ObjectValue t = (ObjectValue) e.getValue().get("Type");
                if (t.get("NonNull") == BooleanValue.TRUE && e.getValue().get("DefaultValue") == null && !given.contains(e.getKey())) {
                    throw new GraphQlException("Field \"" + name + "\" argument \"" + e.getKey() + "\" of type \"" + typeString(t)
                            + "\" is required, but it was not provided.", line, col, true);
                }
            }
            ObjectValue target = schema.types().get(namedType(def.get("Type")));
            String kind = target == null ? "SCALAR" : ((StringValue) target.get("Kind")).value();
            boolean leaf = kind.equals("SCALAR") || kind.equals("ENUM");
            if (leaf && sel.get("SelectionSet") != null) {
                throw new GraphQlException("Field \"" + name + "\" must not have a selection since type \"" + typeString(def.get("Type"))
                        + "\" has no subfields.", line, col, true);
            }
            if (!leaf && sel.get("SelectionSet") == null) {
                throw new GraphQlException("Field \"" + name + "\" of type \"" + typeString(def.get("Type"))
                        + "\" must have a selection of subfields. Did you mean \"" + name + " { ... }\"?", line, col, true);
            }
            if (!leaf && kind.equals("OBJECT") || kind.equals("INTERFACE")) {
                selections(sel.get("SelectionSet"), target, schema);
            }
        }
    }

    /** gqlparser's "Did you mean" list: options within a third of the input's length in edit distance. */
    private static String suggestion(String input, List<String> options) {
        List<String> close = new ArrayList<>();
        int threshold = Math.max(input.length() / 2, 1) + 0;
        for (String o : options) {
            int d = distance(input.toLowerCase(java.util.Locale.ROOT), o.toLowerCase(java.util.Locale.ROOT));
            if (d <= Math.max(threshold, o.length() / 2) || o.startsWith(input)) {
                close.add(o);
            }
        }
        if (close.isEmpty()) {
            return "";
        }
        List<String> q = close.stream().limit(5).map(s -> "\"" + s + "\"").toList();
        String list = q.size() == 1 ? q.getFirst() : q.size() == 2 ? q.get(0) + " or " + q.get(1)
                : String.join(", ", q.subList(0, q.size() - 1)) + ", or " + q.getLast();
        return " Did you mean " + list + "?";
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1));
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
