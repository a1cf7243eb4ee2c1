package io.changegate.constraints.yaml;

import io.changegate.rego.value.ArrayValue;
import io.changegate.rego.value.BooleanValue;
import io.changegate.rego.value.Json;
import io.changegate.rego.value.JsonException;
import io.changegate.rego.value.NullValue;
import io.changegate.rego.value.NumberValue;
import io.changegate.rego.value.ObjectValue;
import io.changegate.rego.value.StringValue;
import io.changegate.rego.value.Value;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * Reads Kubernetes manifests — YAML (multi-document) or JSON — as Rego values with exact numbers.
 *
 * <p>YAML is read with the 1.2 core schema, so {@code yes} stays a string as the Kubernetes API
 * server's decoder keeps it; callers that expect YAML 1.1 booleans (gator suites) accept both.
 */
public final class KubeYaml {
    private static final int MAX_DEPTH = Json.MAX_DEPTH;

    private KubeYaml() {
    }

    /** One document of a file, with the line it starts on (1-based) for error messages. */
    public record Document(String source, int line, Value value) {
        /** {@code file:line}, naming this document in messages. */
        public String where() {
            return source + ":" + line;
        }
    }

    /** Reads every non-empty document of a YAML or JSON file. */
    public static List<Document> readFile(Path file) throws IOException {
        return parse(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
    }

    /**
     * Parses every non-empty document of YAML or JSON text.
     *
     * @throws ManifestException naming the source, line and column of a syntax error
     */
    public static List<Document> parse(String source, String text) {
        String trimmed = text.stripLeading();
        if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
            try {
                Value v = Json.parse(text);
                return List.of(new Document(source, 1, v));
            } catch (JsonException e) {
                // Flow-style YAML also starts with a brace: fall through to the YAML reader.
            }
        }
        LoadSettings settings = LoadSettings.builder()
                .setSchema(new CoreSchema())
                .setLabel(source)
                .setCodePointLimit(Integer.MAX_VALUE)
                .setAllowDuplicateKeys(false)
                .build();
        List<Document> docs = new ArrayList<>();
        try {
            for (Node node : new Compose(settings).composeAllFromString(text)) {
                if (node == null) {
                    continue;
                }
                Value v = new Converter(source).convert(node, 0);
                if (v != NullValue.INSTANCE) {
                    docs.add(new Document(source, line(node), v));
                }
            }
        } catch (MarkedYamlEngineException e) {
            Mark m = e.getProblemMark().or(e::getContextMark).orElse(null);
            String problem = e.getProblem() == null ? e.getMessage() : e.getProblem();
            throw new ManifestException(source + (m == null ? "" : ":" + (m.getLine() + 1) + ":" + (m.getColumn() + 1))
                    + ": invalid YAML: " + problem.strip());
        } catch (YamlEngineException e) {
            throw new ManifestException(source + ": invalid YAML: " + String.valueOf(e.getMessage()).strip());
        }
        return docs;
    }

    static int line(Node node) {
        return node.getStartMark().map(m -> m.getLine() + 1).orElse(1);
    }

    private static final class Converter {
        private final String source;
        private final Map<Node, Value> done = new IdentityHashMap<>();

        Converter(String source) {
            this.source = source;
        }

        Value convert(Node node, int depth) {
            if (depth > MAX_DEPTH) {
                throw new ManifestException(source + ":" + line(node) + ": nesting deeper than " + MAX_DEPTH + " levels");
            }
            Value cached = done.get(node);
            if (cached != null) {
                return cached;
            }
            Value v = switch (node) {
                case ScalarNode s -> scalar(s);
                case SequenceNode seq -> {
                    Value[] items = new Value[seq.getValue().size()];
                    for (int i = 0; i < items.length; i++) {
                        items[i] = convert(seq.getValue().get(i), depth + 1);
                    }
                    yield ArrayValue.wrap(items);
                }
                case MappingNode map -> {
                    ObjectValue.Builder b = ObjectValue.builder(map.getValue().size());
                    for (NodeTuple t : map.getValue()) {
                        Value key = convert(t.getKeyNode(), depth + 1);
                        String k = key instanceof StringValue s ? s.value() : key.toJson();
                        b.put(k, convert(t.getValueNode(), depth + 1));
                    }
                    yield b.build();
                }
                default -> throw new ManifestException(source + ":" + line(node) + ": unsupported YAML node");
            };
            done.put(node, v);
            return v;
        }

        private Value scalar(ScalarNode s) {
            String text = s.getValue();
            Tag tag = s.getTag();
            try {
                if (tag.equals(Tag.NULL)) {
                    return NullValue.INSTANCE;
                }
                if (tag.equals(Tag.BOOL)) {
                    return BooleanValue.of(text.equalsIgnoreCase("true"));
                }
                if (tag.equals(Tag.INT)) {
                    return integer(text);
                }
                if (tag.equals(Tag.FLOAT)) {
                    return NumberValue.parse(text.startsWith("+") ? text.substring(1) : text);
                }
            } catch (NumberFormatException e) {
                throw new ManifestException(source + ":" + line(s) + ": the number " + text
                        + " cannot be represented in JSON");
            }
            return StringValue.of(text);
        }

        private static Value integer(String text) {
            String t = text.startsWith("+") ? text.substring(1) : text;
            if (t.startsWith("0x")) {
                return NumberValue.of(new BigInteger(t.substring(2), 16));
            }
            if (t.startsWith("0o")) {
                return NumberValue.of(new BigInteger(t.substring(2), 8));
            }
            return NumberValue.parse(t);
        }
    }
}
