package io.changegate.gate.approval;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * A small JSON path: {@code $.fields.status.name}, {@code items[0].id}, {@code approvals[*].user.email}.
 * Enough to point at a field of any change system's JSON without a scripting language.
 */
public record JsonPath(String text, List<String> steps) {

    /** Parses a path, naming the position of a syntax error. */
    public static JsonPath parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("a JSON path is required, e.g. $.fields.status.name");
        }
        String rest = text.strip();
        if (rest.startsWith("$")) {
            rest = rest.substring(1);
        }
        List<String> steps = new ArrayList<>();
        int i = 0;
        while (i < rest.length()) {
            char c = rest.charAt(i);
            if (c == '.') {
                i++;
                int end = i;
                while (end < rest.length() && rest.charAt(end) != '.' && rest.charAt(end) != '[') {
                    end++;
                }
                if (end == i) {
                    throw new IllegalArgumentException("JSON path '" + text + "': empty field name at " + i);
                }
                steps.add(rest.substring(i, end));
                i = end;
            } else if (c == '[') {
                int end = rest.indexOf(']', i);
                if (end < 0) {
                    throw new IllegalArgumentException("JSON path '" + text + "': unclosed [ at " + i);
                }
                String index = rest.substring(i + 1, end).strip();
                if (!index.equals("*") && !index.matches("\\d{1,9}")) {
                    throw new IllegalArgumentException("JSON path '" + text + "': expected [n] or [*], found [" + index + "]");
                }
                steps.add("[" + index + "]");
                i = end + 1;
            } else if (steps.isEmpty() && i == 0) {
                rest = "." + rest;
            } else {
                throw new IllegalArgumentException("JSON path '" + text + "': unexpected '" + c + "' at " + i);
            }
        }
        return new JsonPath(text, List.copyOf(steps));
    }

    /** Every node the path reaches; empty when it reaches none. */
    public List<JsonNode> select(JsonNode root) {
        List<JsonNode> current = List.of(root);
        for (String step : steps) {
            List<JsonNode> next = new ArrayList<>();
            for (JsonNode node : current) {
                if (step.equals("[*]")) {
                    if (node.isArray()) {
                        node.forEach(next::add);
                    }
                } else if (step.startsWith("[")) {
                    JsonNode element = node.isArray() ? node.get(Integer.parseInt(step.substring(1, step.length() - 1))) : null;
                    if (element != null) {
                        next.add(element);
                    }
                } else if (node.isObject() && node.has(step)) {
                    next.add(node.get(step));
                }
            }
            current = next;
        }
        return current.stream().filter(n -> !n.isNull() && !n.isMissingNode()).toList();
    }

    /** The text of the first node reached, or null. */
    public String firstText(JsonNode root) {
        List<JsonNode> nodes = select(root);
        return nodes.isEmpty() || nodes.get(0).isContainerNode() ? null : nodes.get(0).asText();
    }
}
