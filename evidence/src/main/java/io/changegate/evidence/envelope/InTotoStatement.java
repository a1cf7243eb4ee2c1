package io.changegate.evidence.envelope;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * An in-toto Statement (v1 or v0.1): what it is about, and a typed predicate about it.
 *
 * @param type          the {@code _type} URI
 * @param subjects      the artifacts the statement is about
 * @param predicateType the predicate's type URI, which selects the reader for {@code predicate}
 * @param predicate     the predicate as JSON, possibly an empty object
 * @param location      where in the source file the statement was found
 */
public record InTotoStatement(String type, List<Subject> subjects, String predicateType, JsonNode predicate,
                              String location) implements Envelope {
    /** The Statement v1 type URI. */
    public static final String TYPE_V1 = "https://in-toto.io/Statement/v1";
    /** The Statement v0.1 type URI. */
    public static final String TYPE_V01 = "https://in-toto.io/Statement/v0.1";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /**
     * One artifact named by a Statement.
     *
     * @param name   the artifact's name, possibly empty
     * @param digest algorithm (lower case) to hex digest
     */
    public record Subject(String name, Map<String, String> digest) {
        public Subject {
            name = name == null ? "" : name;
            digest = Map.copyOf(digest);
        }

        /** Whether this subject has the digest {@code algorithm:hex} (for example {@code sha256:ab12…}). */
        public boolean hasDigest(String algorithmAndHex) {
            int colon = algorithmAndHex.indexOf(':');
            if (colon <= 0) {
                return false;
            }
            String algorithm = algorithmAndHex.substring(0, colon).toLowerCase(Locale.ROOT);
            String hex = algorithmAndHex.substring(colon + 1).toLowerCase(Locale.ROOT);
            return hex.equals(digest.get(algorithm));
        }

        @Override
        public String toString() {
            StringBuilder out = new StringBuilder(name.isEmpty() ? "(unnamed)" : name);
            digest.entrySet().stream().sorted(Map.Entry.comparingByKey())
                    .forEach(e -> out.append(' ').append(e.getKey()).append(':').append(e.getValue()));
            return out.toString();
        }
    }

    public InTotoStatement {
        Objects.requireNonNull(type, "type");
        subjects = List.copyOf(subjects);
        Objects.requireNonNull(predicateType, "predicateType");
        predicate = predicate == null ? MAPPER.createObjectNode() : predicate.deepCopy();
        location = location == null ? "" : location;
    }

    @Override
    public JsonNode predicate() {
        return predicate.deepCopy();
    }

    /** Parses a Statement from JSON bytes, naming {@code source} in errors. */
    public static InTotoStatement parse(String source, byte[] json, String location) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new EnvelopeFormatException(source, "not valid JSON: " + e.getOriginalMessage());
        } catch (java.io.IOException e) {
            throw new EnvelopeFormatException(source, "cannot be read: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new EnvelopeFormatException(source, "an in-toto Statement must be a JSON object");
        }
        return fromJson(new JsonFields(source), root, location);
    }

    static InTotoStatement fromJson(JsonFields json, JsonNode root, String location) {
        String type = json.text(root, "", "_type");
        if (!type.equals(TYPE_V1) && !type.equals(TYPE_V01)) {
            throw json.error("_type", "expected " + TYPE_V1 + " or " + TYPE_V01 + ", found " + type);
        }
        List<JsonNode> subjectNodes = json.array(root, "", "subject", true);
        if (subjectNodes.isEmpty()) {
            throw json.error("subject", "a Statement must name at least one subject");
        }
        List<Subject> subjects = new ArrayList<>();
        for (int i = 0; i < subjectNodes.size(); i++) {
            String path = "subject[" + i + "]";
            JsonNode node = subjectNodes.get(i);
            if (!node.isObject()) {
                throw json.error(path, "expected an object, found " + JsonFields.describe(node));
            }
            JsonNode digestNode = json.object(node, path, "digest");
            Map<String, String> digest = new LinkedHashMap<>();
            for (var entry : digestNode.properties()) {
                if (!entry.getValue().isTextual()) {
                    throw json.error(path + ".digest." + entry.getKey(), "expected a hex string, found "
                            + JsonFields.describe(entry.getValue()));
                }
                digest.put(entry.getKey().toLowerCase(Locale.ROOT), entry.getValue().asText().toLowerCase(Locale.ROOT));
            }
            if (digest.isEmpty()) {
                throw json.error(path + ".digest", "a subject needs at least one digest");
            }
            subjects.add(new Subject(json.optionalText(node, path, "name"), digest));
        }
        String predicateType = json.text(root, "", "predicateType");
        JsonNode predicate = root.get("predicate");
        if (predicate != null && !predicate.isNull() && !predicate.isObject()) {
            throw json.error("predicate", "expected an object, found " + JsonFields.describe(predicate));
        }
        return new InTotoStatement(type, subjects, predicateType, predicate, location);
    }
}
