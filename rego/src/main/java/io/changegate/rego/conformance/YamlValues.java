package io.changegate.rego.conformance;

import io.changegate.rego.value.ArrayValue;
import io.changegate.rego.value.BooleanValue;
import io.changegate.rego.value.Json;
import io.changegate.rego.value.NullValue;
import io.changegate.rego.value.NumberValue;
import io.changegate.rego.value.ObjectValue;
import io.changegate.rego.value.StringValue;
import io.changegate.rego.value.Value;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * Reads YAML documents (YAML 1.2 core schema) as Rego values, keeping every number exact.
 *
 * <p>The node graph is converted directly, so integers of any size and decimals such as
 * {@code 0.33333333333333333334} or {@code 1.0e+400} never pass through {@code long} or
 * {@code double}. Mapping keys become strings (a YAML {@code 1: x} key is the string "1"), as
 * they do when OPA's tooling converts YAML to JSON.
 */
public final class YamlValues {
    /** Deepest nesting accepted, as for JSON. */
    public static final int MAX_DEPTH = Json.MAX_DEPTH;

    private YamlValues() {
    }

    /**
     * Parses one YAML document; an empty document is {@code null}.
     *
     * @param name the document's name for error messages (usually its file)
     * @throws YamlException when the text is not YAML or holds a value Rego cannot represent
     */
    public static Value parse(String name, String text) {
        if (io.changegate.rego.value.YamlNesting.bound(text) > io.changegate.rego.value.YamlNesting.MAX_DEPTH) {
            throw new YamlException(name, 0, 0, "document nested deeper than "
                    + io.changegate.rego.value.YamlNesting.MAX_DEPTH + " levels");
        }
        // A buffer as large as the text: snakeyaml-engine mishandles a surrogate pair split at a buffer boundary.
        LoadSettings settings = LoadSettings.builder()
                .setBufferSize(text.length() + 1)
                .setSchema(new CoreSchema())
                .setLabel(name)
                .setCodePointLimit(Integer.MAX_VALUE)
                .setAllowDuplicateKeys(false)
                .build();
        Node root;
        try {
            root = new Compose(settings).composeString(text).orElse(null);
        } catch (MarkedYamlEngineException e) {
            Mark m = e.getProblemMark().or(e::getContextMark).orElse(null);
            String problem = e.getProblem() == null ? e.getMessage() : e.getProblem();
            throw new YamlException(name, m == null ? 0 : m.getLine() + 1, m == null ? 0 : m.getColumn() + 1,
                    problem.strip());
        } catch (YamlEngineException e) {
            throw new YamlException(name, 0, 0, String.valueOf(e.getMessage()).strip());
        } catch (NumberFormatException e) {
            // snakeyaml-engine's reading of an escape without its digits (a backslash and u at the end).
            throw new YamlException(name, 0, 0, "invalid escape: " + e.getMessage());
        }
        return root == null ? null : new Converter(name).convert(root, 0);
    }

    /** The source line (1-based) where a node starts, or 0 when unknown. */
    static int line(Node node) {
        return node.getStartMark().map(m -> m.getLine() + 1).orElse(0);
    }

    /** Converts composed nodes; aliases of the same node are converted once. */
    static final class Converter {
        private final String name;
        private final Map<Node, Value> done = new IdentityHashMap<>();

        Converter(String name) {
            this.name = name;
        }

        Value convert(Node node, int depth) {
            if (depth > MAX_DEPTH) {
                throw error(node, "document nested deeper than " + MAX_DEPTH + " levels");
            }
            Value cached = done.get(node);
            if (cached != null) {
                return cached;
            }
            Value v = switch (node) {
                case ScalarNode s -> scalar(s);
                case SequenceNode seq -> {
                    List<Value> items = new ArrayList<>(seq.getValue().size());
                    for (Node item : seq.getValue()) {
                        items.add(convert(item, depth + 1));
                    }
                    yield ArrayValue.of(items);
                }
                case MappingNode map -> {
                    ObjectValue.Builder b = ObjectValue.builder(map.getValue().size());
                    for (NodeTuple t : map.getValue()) {
                        b.put(key(t.getKeyNode(), depth), convert(t.getValueNode(), depth + 1));
                    }
                    yield b.build();
                }
                default -> throw error(node, "unsupported YAML node " + node.getNodeType());
            };
            done.put(node, v);
            return v;
        }

        private StringValue key(Node keyNode, int depth) {
            Value k = convert(keyNode, depth + 1);
            if (k instanceof StringValue s) {
                return s;
            }
            if (keyNode instanceof ScalarNode s && !(k instanceof NumberValue)) {
                return StringValue.of(s.getValue());
            }
            return StringValue.of(Json.write(k));
        }

        private Value scalar(ScalarNode s) {
            Tag tag = s.getTag();
            String text = s.getValue();
            if (Tag.NULL.equals(tag)) {
                return NullValue.INSTANCE;
            }
            if (Tag.BOOL.equals(tag)) {
                return BooleanValue.of(text.equalsIgnoreCase("true"));
            }
            if (Tag.INT.equals(tag)) {
                return NumberValue.of(integer(s, text));
            }
            if (Tag.FLOAT.equals(tag)) {
                return decimal(s, text);
            }
            return StringValue.of(text);
        }

        private BigInteger integer(ScalarNode s, String text) {
            String t = text.replace("_", "");
            boolean negative = t.startsWith("-");
            if (t.startsWith("-") || t.startsWith("+")) {
                t = t.substring(1);
            }
            try {
                BigInteger v;
                if (t.startsWith("0x") || t.startsWith("0X")) {
                    v = new BigInteger(t.substring(2), 16);
                } else if (t.startsWith("0o") || t.startsWith("0O")) {
                    v = new BigInteger(t.substring(2), 8);
                } else {
                    v = new BigInteger(t);
                }
                return negative ? v.negate() : v;
            } catch (NumberFormatException e) {
                throw error(s, "invalid integer '" + text + "'");
            }
        }

        private Value decimal(ScalarNode s, String text) {
            String t = text.replace("_", "");
            String lower = t.toLowerCase(java.util.Locale.ROOT);
            if (lower.endsWith(".inf") || lower.equals(".nan")) {
                throw error(s, "'" + text + "' is not a number Rego can represent");
            }
            try {
                return NumberValue.of(new BigDecimal(t));
            } catch (NumberFormatException e) {
                throw error(s, "invalid number '" + text + "'");
            }
        }

        private YamlException error(Node node, String message) {
            int col = node.getStartMark().map(m -> m.getColumn() + 1).orElse(0);
            return new YamlException(name, line(node), col, message);
        }
    }
}
