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
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * YAML as OPA reads and writes it (go-yaml v2 behind a JSON conversion): plain scalars resolve
 * by YAML 1.1 rules ({@code yes}, {@code on}, {@code 0x10}, {@code 010}), keys become strings,
 * only the first document counts; output is block style with sorted keys and go-yaml's quoting.
 */
final class GoYaml {
    /** A YAML syntax or conversion error. */
    static final class YamlError extends Exception {
        YamlError(String message) {
            super(message, null, false, false);
        }
    }

    // Fixed patterns over scalar text: linear, never policy-supplied.
    private static final Pattern INT = Pattern.compile("[-+]?(0|[1-9][0-9_]*)");
    private static final Pattern OCTAL = Pattern.compile("[-+]?0[0-7_]+");
    private static final Pattern HEX = Pattern.compile("[-+]?0x[0-9a-fA-F_]+");
    private static final Pattern BINARY = Pattern.compile("[-+]?0b[01_]+");
    private static final Pattern FLOAT = Pattern.compile("[-+]?(\\.[0-9]+|[0-9][0-9_]*(\\.[0-9_]*)?)([eE][-+]?[0-9]+)?");
    private static final Pattern SPECIAL_FLOAT = Pattern.compile("[-+]?\\.(inf|Inf|INF)|\\.(nan|NaN|NAN)");

    private GoYaml() {
    }

    static Value unmarshal(String text) throws YamlError {
        if (io.changegate.rego.value.YamlNesting.bound(text) > io.changegate.rego.value.YamlNesting.MAX_DEPTH) {
            throw new YamlError("yaml: exceeded max depth of " + io.changegate.rego.value.YamlNesting.MAX_DEPTH);
        }
        // A buffer as large as the text: snakeyaml-engine mishandles a surrogate pair split at a buffer boundary.
        LoadSettings settings = LoadSettings.builder().setAllowDuplicateKeys(true).setMaxAliasesForCollections(100)
                .setCodePointLimit(64 * 1024 * 1024).setBufferSize(text.length() + 1).build();
        try {
            Iterator<Node> docs = new Compose(settings).composeAllFromString(text).iterator();
            if (!docs.hasNext()) {
                return NullValue.INSTANCE;
            }
            return toValue(docs.next(), 0, new int[] {0});
        } catch (MarkedYamlEngineException e) {
            String problem = e.getProblem() == null ? "syntax error" : e.getProblem();
            if (problem.contains("expected <block end>") || problem.contains("mapping values are not allowed")) {
                problem = "did not find expected key";
            }
            throw new YamlError("yaml: " + problem);
        } catch (YamlEngineException e) {
            throw new YamlError("yaml: " + e.getMessage());
        } catch (NumberFormatException | ArithmeticException e) {
            // A malformed escape or a number beyond any representation: still a document error, not a crash.
            throw new YamlError("yaml: " + e.getMessage());
        }
    }

    /** Aliases are expanded, so a small document can describe a huge value; both depth and size are bounded. */
    private static final int MAX_NODES = 1_000_000;

    private static Value toValue(Node node, int depth, int[] budget) throws YamlError {
        if (depth > 1000) {
            throw new YamlError("yaml: exceeded max depth");
        }
        if (++budget[0] > MAX_NODES) {
            throw new YamlError("yaml: document expands to more than " + MAX_NODES + " nodes");
        }
        return switch (node) {
            case ScalarNode s -> s.getScalarStyle() == ScalarStyle.PLAIN ? resolve(s.getValue()) : StringValue.of(s.getValue());
            case SequenceNode seq -> {
                List<Value> items = new ArrayList<>();
                for (Node n : seq.getValue()) {
                    items.add(toValue(n, depth + 1, budget));
                }
                yield ArrayValue.of(items);
            }
            case MappingNode m -> {
                ObjectValue.Builder b = ObjectValue.builder();
                for (NodeTuple t : m.getValue()) {
                    Value k = toValue(t.getKeyNode(), depth + 1, budget);
                    String key = switch (k) {
                        case StringValue ks -> ks.value();
                        case NullValue n -> "null";
                        default -> k.toString();
                    };
                    b.put(key, toValue(t.getValueNode(), depth + 1, budget));
                }
                yield b.build();
            }
            default -> throw new YamlError("yaml: unsupported node");
        };
    }

    /** YAML 1.1 resolution of a plain scalar, as go-yaml v2 does it. */
    static Value resolve(String v) throws YamlError {
        switch (v) {
            case "", "~", "null", "Null", "NULL" -> {
                return NullValue.INSTANCE;
            }
            case "y", "Y", "yes", "Yes", "YES", "on", "On", "ON", "true", "True", "TRUE" -> {
                return BooleanValue.TRUE;
            }
            case "n", "N", "no", "No", "NO", "off", "Off", "OFF", "false", "False", "FALSE" -> {
                return BooleanValue.FALSE;
            }
            default -> {
            }
        }
        char c = v.charAt(0);
        if (!(c == '-' || c == '+' || c == '.' || (c >= '0' && c <= '9'))) {
            return StringValue.of(v);
        }
        String t = v.replace("_", "");
        boolean neg = t.startsWith("-");
        String u = t.startsWith("-") || t.startsWith("+") ? t.substring(1) : t;
        if (HEX.matcher(v).matches()) {
            return number(new BigInteger(u.substring(2), 16), neg);
        }
        if (BINARY.matcher(v).matches()) {
            return number(new BigInteger(u.substring(2), 2), neg);
        }
        if (OCTAL.matcher(v).matches()) {
            return number(new BigInteger(u, 8), neg);
        }
        if (INT.matcher(v).matches()) {
            return number(new BigInteger(u), neg);
        }
        if (FLOAT.matcher(v).matches() && !u.isEmpty() && !u.equals(".")) {
            BigDecimal d = new BigDecimal(u.endsWith(".") ? u + "0" : u);
            return NumberValue.of(neg ? d.negate() : d);
        }
        if (SPECIAL_FLOAT.matcher(v).matches()) {
            throw new YamlError("json: unsupported value: " + v);
        }
        return StringValue.of(v);
    }

    private static Value number(BigInteger i, boolean neg) {
        return NumberValue.of(neg ? i.negate() : i);
    }

    static String marshal(Value v) {
        StringBuilder sb = new StringBuilder();
        if (isBlockCollection(v)) {
            block(v, sb, 0);
        } else {
            scalar(v, sb, 0);
            sb.append('\n');
        }
        return sb.toString();
    }

    private static boolean isBlockCollection(Value v) {
        return switch (v) {
            case ArrayValue a -> a.size() > 0;
            case SetValue s -> s.size() > 0;
            case ObjectValue o -> o.size() > 0;
            default -> false;
        };
    }

    private static List<Value> items(Value v) {
        return v instanceof SetValue s ? s.asList() : ((ArrayValue) v).asList();
    }

    /** Writes a non-empty collection; each line ends with a newline. */
    private static void block(Value v, StringBuilder sb, int indent) {
        String pad = " ".repeat(indent);
        if (v instanceof ObjectValue o) {
            for (int i = 0; i < o.size(); i++) {
                if (i > 0) {
                    sb.append(pad);
                }
                Value k = o.keyAt(i);
                scalar(k instanceof StringValue ? k : StringValue.of(k.toJson()), sb, indent);
                sb.append(':');
                Value x = o.valueAt(i);
                if (x instanceof ObjectValue && isBlockCollection(x)) {
                    sb.append('\n').append(" ".repeat(indent + 2));
                    block(x, sb, indent + 2);
                } else if (isBlockCollection(x)) {
                    sb.append('\n').append(pad);
                    block(x, sb, indent);
                } else {
                    sb.append(' ');
                    scalar(x, sb, indent + 2);
                    sb.append('\n');
                }
            }
            return;
        }
        List<Value> xs = items(v);
        for (int i = 0; i < xs.size(); i++) {
            if (i > 0) {
                sb.append(pad);
            }
            sb.append("- ");
            Value x = xs.get(i);
            if (isBlockCollection(x)) {
                block(x, sb, indent + 2);
            } else {
                scalar(x, sb, indent + 2);
                sb.append('\n');
            }
        }
    }

    private static void scalar(Value v, StringBuilder sb, int indent) {
        switch (v) {
            case NullValue n -> sb.append("null");
            case BooleanValue b -> sb.append(b.value());
            case NumberValue n -> sb.append(n);
            case StringValue s -> string(s.value(), sb, indent);
            case ArrayValue a -> sb.append("[]");
            case SetValue s -> sb.append("[]");
            case ObjectValue o -> sb.append("{}");
        }
    }

    private static void string(String s, StringBuilder sb, int indent) {
        if (s.contains("\n") && s.chars().noneMatch(c -> c < 0x20 && c != '\n' && c != '\t')) {
            String body = s;
            String chomp = "-";
            if (body.endsWith("\n")) {
                body = body.substring(0, body.length() - 1);
                chomp = body.endsWith("\n") ? "+" : "";
            }
            String pad = " ".repeat(Math.max(indent, 2));
            sb.append('|').append(chomp);
            if (!body.isEmpty() && body.charAt(0) == ' ') {
                sb.append(2);
            }
            for (String line : body.split("\n", -1)) {
                sb.append('\n');
                if (!line.isEmpty()) {
                    sb.append(pad).append(line);
                }
            }
            if (chomp.equals("+")) {
                sb.append('\n');
            }
            return;
        }
        boolean resolvesOther;
        try {
            resolvesOther = !(resolve(s) instanceof StringValue);
        } catch (YamlError e) {
            resolvesOther = true;
        }
        if (resolvesOther || s.isEmpty()) {
            sb.append(GoFormat.quote(s, false));
        } else if (plainAllowed(s)) {
            sb.append(s);
        } else if (s.chars().anyMatch(c -> c < 0x20 || c == 0x7F)) {
            sb.append(GoFormat.quote(s, false));
        } else {
            sb.append('\'').append(s.replace("'", "''")).append('\'');
        }
    }

    private static boolean plainAllowed(String s) {
        char first = s.charAt(0);
        if ("-?:,[]{}#&*!|>'\"%@`".indexOf(first) >= 0) {
            if (!((first == '-' || first == '?' || first == ':') && s.length() > 1 && s.charAt(1) != ' ')) {
                return false;
            }
        }
        if (s.startsWith("---") || s.startsWith("...")) {
            return false;
        }
        if (Character.isWhitespace(first) || Character.isWhitespace(s.charAt(s.length() - 1))) {
            return false;
        }
        if (s.contains(": ") || s.contains(" #") || s.endsWith(":")) {
            return false;
        }
        return s.chars().noneMatch(c -> c < 0x20 || c == 0x7F || c == 0xFEFF);
    }
}
