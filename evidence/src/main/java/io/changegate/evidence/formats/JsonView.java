package io.changegate.evidence.formats;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A JSON node together with its JSON pointer, so that every complaint about a field can say
 * exactly where it is. Lenient getters return null for absent or null values; {@code require*}
 * getters throw an {@link EvidenceFormatException} naming the pointer and what was expected.
 */
final class JsonView {
    private final Source source;
    private final JsonNode node;
    private final String pointer;

    JsonView(Source source, JsonNode node, String pointer) {
        this.source = source;
        this.node = node == null ? MissingNode.getInstance() : node;
        this.pointer = pointer;
    }

    JsonNode node() {
        return node;
    }

    String pointer() {
        return pointer;
    }

    Source source() {
        return source;
    }

    boolean isMissingOrNull() {
        return node.isMissingNode() || node.isNull();
    }

    boolean isObject() {
        return node.isObject();
    }

    boolean isArray() {
        return node.isArray();
    }

    boolean has(String field) {
        JsonNode value = node.get(field);
        return value != null && !value.isNull();
    }

    JsonView get(String field) {
        return new JsonView(source, node.get(field), pointer + "/" + escape(field));
    }

    /** The first of several alternative spellings that is present. */
    JsonView getAny(String... fields) {
        for (String field : fields) {
            if (has(field)) {
                return get(field);
            }
        }
        return get(fields[0]);
    }

    /** A scalar as text (numbers and booleans are rendered), or null when absent, null or blank. */
    String text(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull() || value.isContainerNode()) {
            return null;
        }
        String text = value.asText();
        return text.isBlank() ? null : text;
    }

    String text() {
        if (node.isMissingNode() || node.isNull() || node.isContainerNode()) {
            return null;
        }
        String text = node.asText();
        return text.isBlank() ? null : text;
    }

    String requireText(String field) throws EvidenceFormatException {
        JsonView value = get(field);
        if (!value.node.isTextual() || value.node.asText().isBlank()) {
            throw value.expected("a non-empty string", value.node);
        }
        return value.node.asText();
    }

    Integer integer(String field) {
        JsonNode value = node.get(field);
        if (value != null && value.canConvertToInt() && value.isNumber()) {
            return value.intValue();
        }
        if (value != null && value.isTextual()) {
            try {
                return Integer.parseInt(value.asText().trim());
            } catch (NumberFormatException ignored) {
                return null;
            }
        }
        return null;
    }

    Double number(String field) {
        JsonNode value = node.get(field);
        if (value != null && value.isNumber()) {
            return value.doubleValue();
        }
        if (value != null && value.isTextual()) {
            try {
                double parsed = Double.parseDouble(value.asText().trim());
                return Double.isFinite(parsed) ? parsed : null;
            } catch (NumberFormatException ignored) {
                return null;
            }
        }
        return null;
    }

    boolean bool(String field) {
        JsonNode value = node.get(field);
        return value != null && (value.isBoolean() ? value.booleanValue() : "true".equalsIgnoreCase(value.asText()));
    }

    /** Elements of an array field; an absent or null field is an empty list. */
    List<JsonView> array(String field) throws EvidenceFormatException {
        JsonView value = get(field);
        if (value.isMissingOrNull()) {
            return List.of();
        }
        return value.elements();
    }

    List<JsonView> requireArray(String field) throws EvidenceFormatException {
        JsonView value = get(field);
        if (!value.node.isArray()) {
            throw value.expected("an array", value.node);
        }
        return value.elements();
    }

    /** This node's elements; it must be an array. */
    List<JsonView> elements() throws EvidenceFormatException {
        if (!node.isArray()) {
            throw expected("an array", node);
        }
        List<JsonView> out = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
            out.add(new JsonView(source, node.get(i), pointer + "/" + i));
        }
        return out;
    }

    JsonView requireObject(String field) throws EvidenceFormatException {
        JsonView value = get(field);
        value.requireObject();
        return value;
    }

    JsonView requireObject() throws EvidenceFormatException {
        if (!node.isObject()) {
            throw expected("an object", node);
        }
        return this;
    }

    /** Text values of an array of strings (non-strings are skipped), or empty. */
    List<String> texts(String field) {
        JsonNode value = node.get(field);
        List<String> out = new ArrayList<>();
        if (value != null && value.isArray()) {
            for (JsonNode item : value) {
                if (item.isValueNode() && !item.isNull() && !item.asText().isBlank()) {
                    out.add(item.asText());
                }
            }
        } else if (value != null && value.isTextual() && !value.asText().isBlank()) {
            out.add(value.asText());
        }
        return out;
    }

    /** A JSON object of scalar values as an ordered map (e.g. digest sets). */
    Map<String, String> stringMap(String field) {
        Map<String, String> out = new LinkedHashMap<>();
        JsonNode value = node.get(field);
        if (value != null && value.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = it.next();
                if (entry.getValue().isValueNode() && !entry.getValue().isNull()) {
                    out.put(entry.getKey(), entry.getValue().asText());
                }
            }
        }
        return out;
    }

    EvidenceFormatException expected(String what, JsonNode found) {
        return EvidenceFormatException.inField(source.name(), pointer, "expected " + what + ", found " + describe(found));
    }

    EvidenceFormatException problem(String problem) {
        return EvidenceFormatException.inField(source.name(), pointer, problem);
    }

    static String describe(JsonNode found) {
        if (found == null || found.isMissingNode()) {
            return "nothing (the field is missing)";
        }
        if (found.isNull()) {
            return "null";
        }
        if (found.isTextual()) {
            String text = found.asText();
            return text.isEmpty() ? "an empty string" : "the string \"" + abbreviate(text) + "\"";
        }
        if (found.isNumber()) {
            return "the number " + found.asText();
        }
        if (found.isBoolean()) {
            return "the boolean " + found.asText();
        }
        return found.isArray() ? "an array" : "an object";
    }

    private static String abbreviate(String text) {
        return text.length() <= 60 ? text : text.substring(0, 57) + "...";
    }

    private static String escape(String field) {
        return field.replace("~", "~0").replace("/", "~1");
    }
}
