package io.changegate.rego.builtins;

import static io.changegate.rego.builtins.Builtins.fn;
import static io.changegate.rego.builtins.Type.ANY;
import static io.changegate.rego.builtins.Type.ANY_OBJECT;
import static io.changegate.rego.builtins.Type.STRING;
import static io.changegate.rego.builtins.Type.arrayOf;
import static io.changegate.rego.builtins.Type.objectOf;
import static io.changegate.rego.builtins.Type.oneOf;
import static io.changegate.rego.builtins.Type.setOf;

import io.changegate.rego.value.ArrayValue;
import io.changegate.rego.value.NumberValue;
import io.changegate.rego.value.ObjectValue;
import io.changegate.rego.value.SetValue;
import io.changegate.rego.value.StringValue;
import io.changegate.rego.value.Value;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Document surgery by JSON paths: {@code json.filter}, {@code json.remove}, {@code json.patch} (RFC 6902). */
final class JsonBuiltins {
    private JsonBuiltins() {
    }

    private static final Type PATHS = oneOf(arrayOf(oneOf(STRING, arrayOf(ANY))), setOf(oneOf(STRING, arrayOf(ANY))));

    static final List<Builtin> ALL = List.of(
            fn("json.filter", List.of(ANY_OBJECT, PATHS), ANY, (ctx, a) -> {
                ObjectValue obj = Operands.object("json.filter", a, 1);
                PathTree tree = PathTree.of(paths("json.filter", a, 2));
                return tree.isLeaf() ? ObjectValue.EMPTY : filter(obj, tree);
            }),
            fn("json.remove", List.of(ANY_OBJECT, PATHS), ANY, (ctx, a) -> {
                ObjectValue obj = Operands.object("json.remove", a, 1);
                List<List<Value>> paths = paths("json.remove", a, 2);
                if (paths.isEmpty()) {
                    return obj;
                }
                return remove(obj, PathTree.of(paths));
            }),
            fn("json.patch", List.of(ANY, arrayOf(objectOf(STRING, ANY))), ANY, (ctx, a) -> {
                Value doc = a[0];
                for (Value p : Operands.array("json.patch", a, 2).asList()) {
                    if (!(p instanceof ObjectValue op)) {
                        throw BuiltinException.typeError("json.patch: operand 2 must be array of objects but got array containing " + p.typeName());
                    }
                    doc = apply(doc, op);
                    if (doc == null) {
                        return null;
                    }
                }
                return doc;
            }));

    /** A trie of paths; a node with no children selects everything below it. */
    private static final class PathTree {
        final Map<Value, PathTree> children = new LinkedHashMap<>();
        boolean terminal;

        static PathTree of(List<List<Value>> paths) {
            PathTree root = new PathTree();
            for (List<Value> path : paths) {
                PathTree n = root;
                for (Value seg : path) {
                    if (n.terminal) {
                        break;
                    }
                    n = n.children.computeIfAbsent(seg, k -> new PathTree());
                }
                n.terminal = true;
                n.children.clear();
            }
            return root;
        }

        boolean isLeaf() {
            return children.isEmpty();
        }
    }

    private static List<List<Value>> paths(String fn, Value[] a, int pos) throws BuiltinException {
        List<Value> items = switch (a[pos - 1]) {
            case ArrayValue v -> v.asList();
            case SetValue v -> v.asList();
            default -> throw Operands.mustBeOneOf(fn, pos, "{set, array}", a[pos - 1]);
        };
        List<List<Value>> out = new ArrayList<>();
        for (Value v : items) {
            out.add(path(fn, v));
        }
        return out;
    }

    /** A path given as a slash-separated string (with {@code ~0}/{@code ~1} escapes) or an array of segments. */
    private static List<Value> path(String fn, Value v) throws BuiltinException {
        if (v instanceof ArrayValue arr) {
            return arr.asList();
        }
        if (v instanceof StringValue s) {
            String p = s.value();
            p = p.startsWith("/") ? p.substring(1) : p;
            List<Value> out = new ArrayList<>();
            if (p.isEmpty()) {
                return out;
            }
            for (String seg : p.split("/", -1)) {
                out.add(StringValue.of(seg.replace("~1", "/").replace("~0", "~")));
            }
            return out;
        }
        throw BuiltinException.typeError(fn + ": path must be string or array but got " + v.typeName());
    }

    /** The child under a path segment; string segments index arrays by their decimal text. */
    private static Value child(Value container, Value seg) {
        if (container instanceof ArrayValue arr && seg instanceof StringValue s) {
            int i = index(s.value(), arr.size());
            return i < 0 ? null : arr.get(i);
        }
        return ObjectBuiltins.child(container, seg);
    }

    private static int index(String s, int size) {
        if (s.isEmpty() || s.length() > 9 || !s.chars().allMatch(Character::isDigit)) {
            return -1;
        }
        int i = Integer.parseInt(s);
        return i < size ? i : -1;
    }

    private static Value filter(Value v, PathTree tree) {
        if (tree.isLeaf()) {
            return v;
        }
        switch (v) {
            case ObjectValue o -> {
                ObjectValue.Builder b = ObjectValue.builder();
                for (Map.Entry<Value, PathTree> e : tree.children.entrySet()) {
                    Value c = child(o, e.getKey());
                    if (c != null) {
                        b.put(e.getKey(), filter(c, e.getValue()));
                    }
                }
                return b.build();
            }
            case ArrayValue arr -> {
                List<Value> out = new ArrayList<>();
                for (int i = 0; i < arr.size(); i++) {
                    for (Map.Entry<Value, PathTree> e : tree.children.entrySet()) {
                        Value k = e.getKey();
                        boolean hit = k instanceof StringValue s ? index(s.value(), arr.size()) == i
                                : k instanceof NumberValue n && n.isLong() && n.longValue() == i;
                        if (hit) {
                            out.add(filter(arr.get(i), e.getValue()));
                            break;
                        }
                    }
                }
                return ArrayValue.of(out);
            }
            case SetValue s -> {
                List<Value> out = new ArrayList<>();
                for (Map.Entry<Value, PathTree> e : tree.children.entrySet()) {
                    if (s.contains(e.getKey())) {
                        out.add(filter(e.getKey(), e.getValue()));
                    }
                }
                return SetValue.of(out);
            }
            default -> {
                return v;
            }
        }
    }

    private static Value remove(Value v, PathTree tree) {
        switch (v) {
            case ObjectValue o -> {
                ObjectValue.Builder b = ObjectValue.builder();
                for (int i = 0; i < o.size(); i++) {
                    Value k = o.keyAt(i);
                    PathTree t = lookup(tree, k, -1);
                    if (t == null) {
                        b.put(k, o.valueAt(i));
                    } else if (!t.terminal) {
                        b.put(k, remove(o.valueAt(i), t));
                    }
                }
                return b.build();
            }
            case ArrayValue arr -> {
                List<Value> out = new ArrayList<>();
                for (int i = 0; i < arr.size(); i++) {
                    PathTree t = lookup(tree, NumberValue.of(i), i);
                    if (t == null) {
                        out.add(arr.get(i));
                    } else if (!t.terminal) {
                        out.add(remove(arr.get(i), t));
                    }
                }
                return ArrayValue.of(out);
            }
            case SetValue s -> {
                List<Value> out = new ArrayList<>();
                for (Value m : s.asList()) {
                    PathTree t = lookup(tree, m, -1);
                    if (t == null) {
                        out.add(m);
                    } else if (!t.terminal) {
                        out.add(remove(m, t));
                    }
                }
                return SetValue.of(out);
            }
            default -> {
                return v;
            }
        }
    }

    private static PathTree lookup(PathTree tree, Value key, int index) {
        PathTree t = tree.children.get(key);
        if (t == null && index >= 0) {
            t = tree.children.get(StringValue.of(Integer.toString(index)));
        }
        if (t == null && key instanceof StringValue) {
            return null;
        }
        return t;
    }

    // RFC 6902

    private static Value apply(Value doc, ObjectValue op) throws BuiltinException {
        if (!(op.get("op") instanceof StringValue kind)) {
            return null;
        }
        Value pathValue = op.get("path");
        if (pathValue == null) {
            return null;
        }
        List<Value> path = path("json.patch", pathValue);
        switch (kind.value()) {
            case "add" -> {
                Value value = op.get("value");
                return value == null ? null : add(doc, path, 0, value);
            }
            case "remove" -> {
                return removeAt(doc, path, 0);
            }
            case "replace" -> {
                Value value = op.get("value");
                if (value == null || get(doc, path) == null) {
                    return null;
                }
                Value removed = removeAt(doc, path, 0);
                return removed == null ? null : add(removed, path, 0, value);
            }
            case "move", "copy" -> {
                Value fromValue = op.get("from");
                if (fromValue == null) {
                    return null;
                }
                List<Value> from = path("json.patch", fromValue);
                Value v = get(doc, from);
                if (v == null) {
                    return null;
                }
                Value base = kind.value().equals("move") ? removeAt(doc, from, 0) : doc;
                return base == null ? null : add(base, path, 0, v);
            }
            case "test" -> {
                Value v = get(doc, path);
                Value want = op.get("value");
                return v != null && v.equals(want) ? doc : null;
            }
            default -> {
                return null;
            }
        }
    }

    private static Value get(Value doc, List<Value> path) {
        Value cur = doc;
        for (Value seg : path) {
            cur = child(cur, seg);
            if (cur == null) {
                return null;
            }
        }
        return cur;
    }

    private static Value add(Value doc, List<Value> path, int depth, Value value) {
        if (depth == path.size()) {
            return value;
        }
        Value seg = path.get(depth);
        boolean last = depth == path.size() - 1;
        switch (doc) {
            case ObjectValue o -> {
                if (last) {
                    return o.with(seg, value);
                }
                Value c = o.get(seg);
                if (c == null) {
                    return null;
                }
                Value n = add(c, path, depth + 1, value);
                return n == null ? null : o.with(seg, n);
            }
            case ArrayValue arr -> {
                int i;
                if (seg instanceof StringValue s && s.value().equals("-")) {
                    i = arr.size();
                } else if (seg instanceof StringValue s) {
                    i = index(s.value(), arr.size() + 1);
                } else if (seg instanceof NumberValue n && n.isLong() && n.longValue() >= 0 && n.longValue() <= arr.size()) {
                    i = (int) n.longValue();
                } else {
                    i = -1;
                }
                if (i < 0) {
                    return null;
                }
                List<Value> items = new ArrayList<>(arr.asList());
                if (last) {
                    items.add(i, value);
                } else {
                    if (i >= arr.size()) {
                        return null;
                    }
                    Value n = add(arr.get(i), path, depth + 1, value);
                    if (n == null) {
                        return null;
                    }
                    items.set(i, n);
                }
                return ArrayValue.of(items);
            }
            case SetValue s -> {
                if (last && seg.equals(value)) {
                    return s.add(value);
                }
                return null;
            }
            default -> {
                return null;
            }
        }
    }

    private static Value removeAt(Value doc, List<Value> path, int depth) {
        if (path.isEmpty()) {
            return null;
        }
        Value seg = path.get(depth);
        boolean last = depth == path.size() - 1;
        switch (doc) {
            case ObjectValue o -> {
                Value c = o.get(seg);
                if (c == null) {
                    return null;
                }
                if (last) {
                    return o.without(seg);
                }
                Value n = removeAt(c, path, depth + 1);
                return n == null ? null : o.with(seg, n);
            }
            case ArrayValue arr -> {
                int i = seg instanceof StringValue s ? index(s.value(), arr.size())
                        : seg instanceof NumberValue n && n.isLong() && n.longValue() >= 0 && n.longValue() < arr.size() ? (int) n.longValue() : -1;
                if (i < 0) {
                    return null;
                }
                List<Value> items = new ArrayList<>(arr.asList());
                if (last) {
                    items.remove(i);
                } else {
                    Value n = removeAt(arr.get(i), path, depth + 1);
                    if (n == null) {
                        return null;
                    }
                    items.set(i, n);
                }
                return ArrayValue.of(items);
            }
            case SetValue s -> {
                if (last && s.contains(seg)) {
                    return s.difference(SetValue.of(seg));
                }
                return null;
            }
            default -> {
                return null;
            }
        }
    }
}
