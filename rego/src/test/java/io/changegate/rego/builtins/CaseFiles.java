package io.changegate.rego.builtins;

import io.changegate.rego.value.ArrayValue;
import io.changegate.rego.value.BooleanValue;
import io.changegate.rego.value.NullValue;
import io.changegate.rego.value.NumberValue;
import io.changegate.rego.value.ObjectValue;
import io.changegate.rego.value.StringValue;
import io.changegate.rego.value.Value;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/** Reads conformance YAML files into values, keeping numbers exact (plain scalars resolved by YAML 1.2 core rules). */
final class CaseFiles {
    private static final Pattern NUMBER = Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][-+]?[0-9]+)?");
    private static final Pattern LOOSE_NUMBER = Pattern.compile("[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?");

    private CaseFiles() {
    }

    /** The repository's sibling {@code shared} folder, if present. */
    static Optional<Path> shared() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("mvnw"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            return Optional.empty();
        }
        Path shared = dir.resolveSibling("shared");
        return Files.isDirectory(shared) ? Optional.of(shared) : Optional.empty();
    }

    /** The cases of one file, each as an object value. */
    static List<ObjectValue> cases(Path file) throws IOException {
        Compose compose = new Compose(LoadSettings.builder().setCodePointLimit(64 * 1024 * 1024).build());
        Optional<Node> root = compose.composeString(Files.readString(file));
        List<ObjectValue> out = new ArrayList<>();
        if (root.isPresent() && toValue(root.get()) instanceof ObjectValue doc && doc.get("cases") instanceof ArrayValue cs) {
            for (Value c : cs.asList()) {
                out.add((ObjectValue) c);
            }
        }
        return out;
    }

    static Value toValue(Node node) {
        return switch (node) {
            case ScalarNode s -> scalar(s);
            case SequenceNode seq -> {
                List<Value> items = new ArrayList<>();
                for (Node n : seq.getValue()) {
                    items.add(toValue(n));
                }
                yield ArrayValue.of(items);
            }
            case MappingNode m -> {
                ObjectValue.Builder b = ObjectValue.builder();
                for (NodeTuple t : m.getValue()) {
                    Value k = toValue(t.getKeyNode());
                    b.put(k instanceof StringValue ? k : StringValue.of(((ScalarNode) t.getKeyNode()).getValue()), toValue(t.getValueNode()));
                }
                yield b.build();
            }
            default -> throw new IllegalArgumentException("unsupported YAML node " + node);
        };
    }

    private static Value scalar(ScalarNode s) {
        String v = s.getValue();
        if (s.getScalarStyle() != ScalarStyle.PLAIN) {
            return StringValue.of(v);
        }
        switch (v) {
            case "null", "~", "", "Null", "NULL" -> {
                return NullValue.INSTANCE;
            }
            case "true", "True", "TRUE" -> {
                return BooleanValue.TRUE;
            }
            case "false", "False", "FALSE" -> {
                return BooleanValue.FALSE;
            }
            default -> {
            }
        }
        if (NUMBER.matcher(v).matches()) {
            return NumberValue.parse(v);
        }
        if (LOOSE_NUMBER.matcher(v).matches()) {
            String t = v.startsWith("+") ? v.substring(1) : v;
            return NumberValue.of(new java.math.BigDecimal(t));
        }
        return StringValue.of(v);
    }
}
