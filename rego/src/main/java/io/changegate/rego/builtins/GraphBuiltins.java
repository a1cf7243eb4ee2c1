package io.changegate.rego.builtins;

import static io.changegate.rego.builtins.Builtins.fn;
import static io.changegate.rego.builtins.Builtins.relation;
import static io.changegate.rego.builtins.Type.ANY;
import static io.changegate.rego.builtins.Type.ANY_ARRAY;
import static io.changegate.rego.builtins.Type.ANY_SET;
import static io.changegate.rego.builtins.Type.arrayOf;
import static io.changegate.rego.builtins.Type.objectOf;
import static io.changegate.rego.builtins.Type.oneOf;
import static io.changegate.rego.builtins.Type.setOf;

import io.changegate.rego.value.ArrayValue;
import io.changegate.rego.value.ObjectValue;
import io.changegate.rego.value.SetValue;
import io.changegate.rego.value.Value;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/** Graph traversal: {@code walk} over a document, and reachability over adjacency objects. */
final class GraphBuiltins {
    private GraphBuiltins() {
    }

    private static final Type EDGES = oneOf(ANY_ARRAY, ANY_SET);
    private static final Type GRAPH = objectOf(ANY, EDGES);

    static final List<Builtin> ALL = List.of(
            relation("walk", List.of(ANY), arrayOf(ANY), (ctx, a, out) ->
                    walk(new ArrayList<>(), a[0], out)),
            fn("graph.reachable", List.of(GRAPH, EDGES), ANY_SET, (ctx, a) -> {
                ObjectValue graph = Operands.object("graph.reachable", a, 1);
                List<Value> initial = initial("graph.reachable", a);
                Set<Value> reached = new HashSet<>();
                Deque<Value> queue = new ArrayDeque<>(initial);
                while (!queue.isEmpty()) {
                    Value node = queue.poll();
                    Value edges = graph.get(node);
                    if (edges == null || !reached.add(node)) {
                        continue;
                    }
                    queue.addAll(edges(edges));
                }
                return SetValue.of(reached);
            }),
            fn("graph.reachable_paths", List.of(GRAPH, EDGES), setOf(arrayOf(ANY)), (ctx, a) -> {
                ObjectValue graph = Operands.object("graph.reachable_paths", a, 1);
                List<Value> initial = initial("graph.reachable_paths", a);
                SetValue.Builder paths = SetValue.builder();
                for (Value node : initial) {
                    if (graph.get(node) != null) {
                        paths(graph, node, new ArrayList<>(), paths, new HashSet<>());
                    }
                }
                return paths.build();
            }));

    /** Pre-order: the node itself, then each child (object keys and set members in order, array indexes). */
    private static void walk(List<Value> path, Value v, Consumer<Value> out) {
        out.accept(ArrayValue.of(ArrayValue.of(path), v));
        switch (v) {
            case ObjectValue o -> {
                for (int i = 0; i < o.size(); i++) {
                    path.add(o.keyAt(i));
                    walk(path, o.valueAt(i), out);
                    path.removeLast();
                }
            }
            case ArrayValue arr -> {
                for (int i = 0; i < arr.size(); i++) {
                    path.add(io.changegate.rego.value.NumberValue.of(i));
                    walk(path, arr.get(i), out);
                    path.removeLast();
                }
            }
            case SetValue s -> {
                for (Value m : s.asList()) {
                    path.add(m);
                    walk(path, m, out);
                    path.removeLast();
                }
            }
            default -> {
            }
        }
    }

    private static List<Value> initial(String fn, Value[] a) throws BuiltinException {
        return switch (a[1]) {
            case ArrayValue v -> v.asList();
            case SetValue v -> v.asList();
            default -> throw BuiltinException.typeError(fn + ": operand 2 must be {array, set} but got " + a[1].typeName());
        };
    }

    private static List<Value> edges(Value edges) {
        return switch (edges) {
            case ArrayValue v -> v.asList();
            case SetValue v -> v.asList();
            default -> List.of();
        };
    }

    private static void paths(ObjectValue graph, Value root, List<Value> path, SetValue.Builder out, Set<Value> reached) {
        Value edgesValue = graph.get(root);
        List<Value> edges = edgesValue == null ? List.of() : edges(edgesValue);
        List<Value> here = new ArrayList<>(path);
        here.add(root);
        if (edges.isEmpty()) {
            out.add(ArrayValue.of(here));
            return;
        }
        for (Value edge : edges) {
            if (reached.contains(edge)) {
                out.add(ArrayValue.of(here));
            } else {
                reached.add(root);
                paths(graph, edge, here, out, reached);
            }
        }
    }
}
