package io.changegate.rego.parser;

import io.changegate.rego.RegoError;
import io.changegate.rego.ast.Annotation;
import io.changegate.rego.ast.Comment;
import io.changegate.rego.ast.Location;
import io.changegate.rego.ast.Term;
import io.changegate.rego.value.ArrayValue;
import io.changegate.rego.value.BooleanValue;
import io.changegate.rego.value.NullValue;
import io.changegate.rego.value.NumberValue;
import io.changegate.rego.value.ObjectValue;
import io.changegate.rego.value.StringValue;
import io.changegate.rego.value.Value;
import java.math.BigInteger;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.ScannerException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/**
 * {@code # METADATA} comment blocks: finding them among a module's comments and reading their
 * YAML into the object OPA's {@code rego.metadata.rule()} returns (scope, title, description,
 * organizations, related_resources, authors, schemas, entrypoint, custom).
 */
final class Metadata {
    private Metadata() {
    }

    /** One parsed block: its location, the fields it declares, and its declared scope ("" when none). */
    record Block(Location location, String scope, boolean entrypoint, ObjectValue fields) {
        Annotation toAnnotation(String effectiveScope) {
            ObjectValue.Builder b = ObjectValue.builder();
            b.put("scope", StringValue.of(effectiveScope));
            for (int i = 0; i < fields.size(); i++) {
                b.put(fields.keyAt(i), fields.valueAt(i));
            }
            return new Annotation(effectiveScope, b.build(), location);
        }
    }

    /** Finds and parses the blocks; problems go to {@code errors} as OPA words them. */
    static List<Block> parse(List<Comment> comments, List<RegoError> errors) {
        List<List<Comment>> groups = new ArrayList<>();
        List<Comment> current = null;
        for (int i = 0; i < comments.size(); i++) {
            Comment c = comments.get(i);
            if (current != null) {
                Comment prev = comments.get(i - 1);
                if (c.location().row() == prev.location().row() + 1 && c.location().col() == 1) {
                    current.add(c);
                    continue;
                }
                current = null;
            }
            if (c.text().strip().startsWith("METADATA")) {
                current = new ArrayList<>();
                current.add(c);
                groups.add(current);
            }
        }
        List<Block> blocks = new ArrayList<>();
        for (List<Comment> g : groups) {
            try {
                blocks.add(parseBlock(g));
            } catch (BlockException e) {
                errors.add(new RegoError(RegoParser.PARSE_ERROR, e.getMessage(), e.location));
            }
        }
        return blocks;
    }

    private static final class BlockException extends Exception {
        final Location location;

        BlockException(String message, Location location) {
            super(message);
            this.location = location;
        }
    }

    private static Block parseBlock(List<Comment> group) throws BlockException {
        Location at = group.get(0).location();
        List<Comment> lines = group.subList(1, group.size());
        StringBuilder yaml = new StringBuilder();
        for (Comment c : lines) {
            String t = c.text();
            yaml.append(t.startsWith(" ") ? t.substring(1) : t).append('\n');
        }
        if (yaml.toString().isBlank()) {
            throw new BlockException("expected METADATA block, found whitespace", at);
        }
        Object doc;
        try {
            doc = new Load(LoadSettings.builder().setAllowDuplicateKeys(false).setMaxAliasesForCollections(50).build())
                    .loadFromString(yaml.toString());
        } catch (YamlEngineException e) {
            throw yamlError(e, at, lines);
        }
        if (doc == null) {
            doc = Map.of();
        }
        if (!(doc instanceof Map<?, ?> map)) {
            throw new BlockException("yaml: unmarshal errors:\n  line 1: cannot unmarshal " + yamlKind(doc)
                    + " into ast.rawAnnotation", at);
        }
        String scope = "";
        boolean entrypoint = false;
        ObjectValue.Builder fields = ObjectValue.builder();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            String key = String.valueOf(e.getKey());
            Object v = e.getValue();
            switch (key) {
                case "scope" -> scope = v == null ? "" : String.valueOf(v);
                case "title", "description" -> {
                    String s = v == null ? "" : String.valueOf(v);
                    if (!s.isEmpty()) {
                        fields.put(key, StringValue.of(s));
                    }
                }
                case "organizations" -> {
                    List<Value> orgs = new ArrayList<>();
                    for (Object o : list(v)) {
                        orgs.add(StringValue.of(String.valueOf(o)));
                    }
                    if (!orgs.isEmpty()) {
                        fields.put(key, ArrayValue.of(orgs));
                    }
                }
                case "related_resources" -> {
                    List<Value> rrs = new ArrayList<>();
                    for (Object o : list(v)) {
                        rrs.add(relatedResource(o, at));
                    }
                    if (!rrs.isEmpty()) {
                        fields.put(key, ArrayValue.of(rrs));
                    }
                }
                case "authors" -> {
                    List<Value> authors = new ArrayList<>();
                    for (Object o : list(v)) {
                        authors.add(author(o, at));
                    }
                    if (!authors.isEmpty()) {
                        fields.put(key, ArrayValue.of(authors));
                    }
                }
                case "schemas" -> {
                    List<Value> schemas = new ArrayList<>();
                    for (Object o : list(v)) {
                        schemas.add(schema(o, at));
                    }
                    if (!schemas.isEmpty()) {
                        fields.put(key, ArrayValue.of(schemas));
                    }
                }
                case "entrypoint" -> {
                    entrypoint = Boolean.TRUE.equals(v);
                    if (entrypoint) {
                        fields.put(key, BooleanValue.TRUE);
                    }
                }
                case "custom" -> {
                    if (v instanceof Map<?, ?> m && !m.isEmpty()) {
                        fields.put(key, toValue(m, at, ""));
                    }
                }
                default -> {
                    // OPA ignores fields it does not know.
                }
            }
        }
        return new Block(at, scope, entrypoint, fields.build());
    }

    private static List<?> list(Object v) {
        return v instanceof List<?> l ? l : List.of();
    }

    private static Value relatedResource(Object o, Location at) throws BlockException {
        if (o instanceof String s) {
            if (s.isEmpty()) {
                throw new BlockException("invalid related-resource definition " + s + ": ref URL may not be empty string", at);
            }
            checkUrl(s, o, at);
            return ObjectValue.builder().put("ref", StringValue.of(s)).build();
        }
        if (o instanceof Map<?, ?> m) {
            String ref = m.get("ref") instanceof String s ? s.strip() : "";
            String description = m.get("description") instanceof String s ? s.strip() : "";
            if (ref.isEmpty()) {
                throw new BlockException("invalid related-resource definition " + goMap(m) + ": 'ref' value required in object", at);
            }
            checkUrl(ref, o, at);
            ObjectValue.Builder b = ObjectValue.builder();
            b.put("ref", StringValue.of(ref));
            if (!description.isEmpty()) {
                b.put("description", StringValue.of(description));
            }
            return b.build();
        }
        throw new BlockException("invalid related-resource definition " + o + ": invalid value type, must be string or map", at);
    }

    private static void checkUrl(String s, Object o, Location at) throws BlockException {
        try {
            new URI(s.replace(" ", "%20"));
        } catch (URISyntaxException e) {
            throw new BlockException("invalid related-resource definition " + o + ": " + e.getReason(), at);
        }
    }

    private static Value author(Object o, Location at) throws BlockException {
        String name;
        String email = "";
        if (o instanceof String s) {
            String[] parts = s.strip().split("\\s+");
            if (s.isBlank()) {
                throw new BlockException("invalid author definition " + s + ": author is an empty string", at);
            }
            int n = parts.length;
            String last = parts[n - 1];
            if (last.length() >= 2 && last.startsWith("<") && last.endsWith(">")) {
                email = last.substring(1, last.length() - 1);
                n--;
            }
            name = String.join(" ", java.util.Arrays.asList(parts).subList(0, n));
        } else if (o instanceof Map<?, ?> m) {
            name = m.get("name") instanceof String s ? s.strip() : "";
            email = m.get("email") instanceof String s ? s.strip() : "";
            if (name.isEmpty() && email.isEmpty()) {
                throw new BlockException("invalid author definition " + goMap(m) + ": 'name' and/or 'email' values required in object", at);
            }
        } else {
            throw new BlockException("invalid author definition " + o + ": invalid value type, must be string or map", at);
        }
        ObjectValue.Builder b = ObjectValue.builder();
        if (!name.isEmpty()) {
            b.put("name", StringValue.of(name));
        }
        if (!email.isEmpty()) {
            b.put("email", StringValue.of(email));
        }
        return b.build();
    }

    private static Value schema(Object o, Location at) throws BlockException {
        if (!(o instanceof Map<?, ?> m) || m.isEmpty()) {
            throw new BlockException("invalid schema declaration for path \"\"", at);
        }
        Map.Entry<?, ?> e = m.entrySet().iterator().next();
        String path = String.valueOf(e.getKey());
        List<Value> pathParts = refParts(path);
        if (pathParts == null) {
            throw new BlockException("invalid document reference", at);
        }
        ObjectValue.Builder b = ObjectValue.builder();
        b.put("path", ArrayValue.of(pathParts));
        Object v = e.getValue();
        if (v instanceof String s) {
            List<Value> schemaRef = refParts(s);
            if (schemaRef == null || !(schemaRef.get(0) instanceof StringValue sv && sv.value().equals("schema"))) {
                throw new BlockException("invalid schema reference", at);
            }
            b.put("schema", ArrayValue.of(schemaRef));
        } else if (v instanceof Map<?, ?> def) {
            b.put("definition", toValue(def, at, ""));
        } else {
            throw new BlockException("invalid schema declaration for path \"" + path + "\"", at);
        }
        return b.build();
    }

    /** A ref such as {@code input.x} as the array of its parts, or null when it is not a ref. */
    private static List<Value> refParts(String text) {
        try {
            Term t = Parser.parseTerm(text);
            List<Term> parts = t instanceof Term.Ref r ? r.parts() : t instanceof Term.Var v ? List.of(v) : null;
            if (parts == null) {
                return null;
            }
            List<Value> out = new ArrayList<>();
            for (Term part : parts) {
                if (part instanceof Term.Var v) {
                    out.add(StringValue.of(v.name()));
                } else if (part instanceof Term.Scalar s) {
                    out.add(s.value());
                } else {
                    return null;
                }
            }
            return out;
        } catch (Exception e) {
            return null;
        }
    }

    private static Value toValue(Object o, Location at, String path) throws BlockException {
        return switch (o) {
            case null -> NullValue.INSTANCE;
            case String s -> StringValue.of(s);
            case Boolean b -> BooleanValue.of(b);
            case Integer i -> NumberValue.of(i);
            case Long l -> NumberValue.of(l);
            case BigInteger bi -> NumberValue.of(bi);
            case Double d -> Double.isFinite(d) ? NumberValue.of(d) : StringValue.of(String.valueOf(d));
            case Float f -> NumberValue.of(f.doubleValue());
            case List<?> l -> {
                List<Value> vs = new ArrayList<>(l.size());
                for (int i = 0; i < l.size(); i++) {
                    vs.add(toValue(l.get(i), at, path.isEmpty() ? String.valueOf(i) : path + "/" + i));
                }
                yield ArrayValue.of(vs);
            }
            case Map<?, ?> m -> {
                ObjectValue.Builder b = ObjectValue.builder(m.size());
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    if (!(e.getKey() instanceof String k)) {
                        throw new BlockException("invalid map key type(s): " + path, at);
                    }
                    b.put(k, toValue(e.getValue(), at, path.isEmpty() ? k : path + "/" + k));
                }
                yield b.build();
            }
            default -> StringValue.of(String.valueOf(o));
        };
    }

    private static String goMap(Map<?, ?> m) {
        StringBuilder sb = new StringBuilder("map[");
        boolean first = true;
        for (Map.Entry<?, ?> e : new java.util.TreeMap<>(toStringKeys(m)).entrySet()) {
            if (!first) {
                sb.append(' ');
            }
            first = false;
            sb.append(e.getKey()).append(':').append(e.getValue());
        }
        return sb.append(']').toString();
    }

    private static Map<String, Object> toStringKeys(Map<?, ?> m) {
        Map<String, Object> out = new java.util.HashMap<>();
        m.forEach((k, v) -> out.put(String.valueOf(k), v));
        return out;
    }

    private static String yamlKind(Object o) {
        return switch (o) {
            case List<?> l -> "!!seq";
            case String s -> "!!str `" + s + "`";
            case Integer i -> "!!int `" + i + "`";
            default -> "!!" + o.getClass().getSimpleName().toLowerCase();
        };
    }

    /**
     * Words a YAML error as Go's yaml.v3 does ("yaml: line N: did not find expected ',' or ']'"),
     * located at the comment line it refers to, as OPA locates it.
     */
    private static BlockException yamlError(YamlEngineException e, Location at, List<Comment> lines) {
        String problem = e.getMessage();
        int line = 0;
        if (e instanceof MarkedYamlEngineException m) {
            problem = m.getProblem();
            int context = m.getContextMark().map(Mark::getLine).orElse(0);
            int problemLine = m.getProblemMark().map(Mark::getLine).orElse(0);
            line = context != 0 ? context : problemLine;
            if (line != 0 && e instanceof ScannerException) {
                line++;
            }
        }
        String text = goYamlProblem(problem == null ? "" : problem);
        String message = line != 0 ? "yaml: line " + line + ": " + text : "yaml: " + text;
        Location where = at;
        if (!lines.isEmpty()) {
            where = line != 0 ? lines.get(Math.min(line, lines.size() - 1)).location() : lines.get(0).location();
        }
        return new BlockException(message, where);
    }

    /** Maps SnakeYAML's problem texts (PyYAML's) onto libyaml's, which Go's decoder reports. */
    static String goYamlProblem(String problem) {
        String p = problem.strip();
        int butGot = p.indexOf(", but ");
        if (p.startsWith("expected ") && butGot > 0) {
            return "did not find " + p.substring(0, butGot);
        }
        if (p.startsWith("mapping values are not allowed")) {
            return "mapping values are not allowed in this context";
        }
        if (p.startsWith("found character") && p.contains("cannot start any token")) {
            return "found character that cannot start any token";
        }
        if (p.startsWith("found duplicate key")) {
            return p;
        }
        return p;
    }
}
