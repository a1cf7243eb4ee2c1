package io.changegate.evidence.envelope;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Reads required and optional fields of a JSON tree, naming the JSON path of anything missing or
 * of the wrong type.
 */
final class JsonFields {
    private final String source;

    JsonFields(String source) {
        this.source = source;
    }

    String source() {
        return source;
    }

    EnvelopeFormatException error(String path, String detail) {
        return new EnvelopeFormatException(source, path.isEmpty() ? detail : path + ": " + detail);
    }

    JsonNode object(JsonNode parent, String path, String field) {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            throw error(join(path, field), "required object is missing");
        }
        if (!node.isObject()) {
            throw error(join(path, field), "expected an object, found " + describe(node));
        }
        return node;
    }

    JsonNode optionalObject(JsonNode parent, String path, String field) {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            throw error(join(path, field), "expected an object, found " + describe(node));
        }
        return node;
    }

    List<JsonNode> array(JsonNode parent, String path, String field, boolean required) {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            if (required) {
                throw error(join(path, field), "required array is missing");
            }
            return List.of();
        }
        if (!node.isArray()) {
            throw error(join(path, field), "expected an array, found " + describe(node));
        }
        List<JsonNode> items = new ArrayList<>(node.size());
        node.forEach(items::add);
        return items;
    }

    String text(JsonNode parent, String path, String field) {
        String value = optionalText(parent, path, field);
        if (value == null) {
            throw error(join(path, field), "required string is missing");
        }
        return value;
    }

    String optionalText(JsonNode parent, String path, String field) {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw error(join(path, field), "expected a string, found " + describe(node));
        }
        return node.asText();
    }

    /** Protobuf JSON writes 64-bit integers as strings; older bundles write numbers. */
    long integer(JsonNode parent, String path, String field) {
        Long value = optionalInteger(parent, path, field);
        if (value == null) {
            throw error(join(path, field), "required integer is missing");
        }
        return value;
    }

    Long optionalInteger(JsonNode parent, String path, String field) {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            return node.asLong();
        }
        if (node.isTextual()) {
            try {
                return Long.parseLong(node.asText());
            } catch (NumberFormatException e) {
                // fall through to the error below
            }
        }
        throw error(join(path, field), "expected an integer, found " + describe(node));
    }

    byte[] base64(JsonNode parent, String path, String field) {
        byte[] value = optionalBase64(parent, path, field);
        if (value == null) {
            throw error(join(path, field), "required base64 string is missing");
        }
        return value;
    }

    byte[] optionalBase64(JsonNode parent, String path, String field) {
        String text = optionalText(parent, path, field);
        return text == null ? null : decodeBase64(join(path, field), text);
    }

    /** DSSE and protobuf JSON accept both the standard and the URL-safe alphabet, padded or not. */
    byte[] decodeBase64(String path, String text) {
        String compact = text.strip();
        try {
            if (compact.indexOf('-') >= 0 || compact.indexOf('_') >= 0) {
                return Base64.getUrlDecoder().decode(compact);
            }
            return Base64.getDecoder().decode(compact);
        } catch (IllegalArgumentException e) {
            throw error(path, "not valid base64: " + e.getMessage());
        }
    }

    static String join(String path, String field) {
        return path.isEmpty() ? field : path + "." + field;
    }

    static String describe(JsonNode node) {
        if (node.isObject()) {
            return "an object";
        }
        if (node.isArray()) {
            return "an array";
        }
        if (node.isTextual()) {
            return "a string";
        }
        if (node.isNumber()) {
            return "a number";
        }
        if (node.isBoolean()) {
            return "a boolean";
        }
        return "null";
    }
}
