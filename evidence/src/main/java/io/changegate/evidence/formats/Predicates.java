package io.changegate.evidence.formats;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.changegate.evidence.model.EvidenceKind;

/** Converts the record models to and from their snake_case JSON predicates. */
public final class Predicates {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .serializationInclusion(JsonInclude.Include.ALWAYS)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .build();

    private Predicates() {
    }

    /** The predicate JSON of a model record. */
    public static JsonNode toJson(Object model) {
        return MAPPER.valueToTree(model);
    }

    /** The model record of a predicate, e.g. {@code toModel(parsed.predicate(), VulnerabilityReport.class)}. */
    public static <T> T toModel(JsonNode predicate, Class<T> type) {
        try {
            return MAPPER.treeToValue(predicate, type);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("predicate is not a " + type.getSimpleName() + ": " + e.getOriginalMessage(), e);
        }
    }

    static ParsedEvidence parsed(EvidenceKind kind, String format, Object model) {
        return new ParsedEvidence(kind, format, toJson(model));
    }
}
