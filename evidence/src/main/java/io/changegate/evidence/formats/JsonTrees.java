package io.changegate.evidence.formats;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.yaml.snakeyaml.LoaderOptions;

import java.io.IOException;

/** Parses JSON and YAML documents into Jackson trees under the reader limits. */
final class JsonTrees {
    private JsonTrees() {
    }

    static JsonNode parse(Source source) throws EvidenceFormatException {
        try {
            return mapper(source.limits()).readTree(source.bytes());
        } catch (JsonProcessingException e) {
            throw syntaxError(source, e, "JSON");
        } catch (IOException e) {
            throw source.error("cannot read JSON: " + e.getMessage());
        }
    }

    static JsonNode parseYaml(Source source) throws EvidenceFormatException {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(20);
        options.setNestingDepthLimit(source.limits().maxNestingDepth());
        options.setAllowDuplicateKeys(false);
        options.setCodePointLimit((int) Math.min(Integer.MAX_VALUE, source.limits().maxDocumentBytes()));
        ObjectMapper yaml = new YAMLMapper(YAMLFactory.builder().loaderOptions(options)
                .streamReadConstraints(constraints(source.limits())).build());
        try {
            return yaml.readTree(source.bytes());
        } catch (JsonProcessingException e) {
            throw syntaxError(source, e, "YAML");
        } catch (IOException | RuntimeException e) {
            throw source.error("cannot read YAML: " + e.getMessage());
        }
    }

    private static ObjectMapper mapper(Limits limits) {
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(constraints(limits))
                // A duplicated key means two readers may see two different documents: refuse it.
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
                .build();
        return JsonMapper.builder(factory).enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();
    }

    private static StreamReadConstraints constraints(Limits limits) {
        return StreamReadConstraints.builder()
                .maxNestingDepth(limits.maxNestingDepth())
                .maxDocumentLength(limits.maxDocumentBytes())
                .maxStringLength((int) Math.min(Integer.MAX_VALUE, limits.maxDocumentBytes()))
                .build();
    }

    private static EvidenceFormatException syntaxError(Source source, JsonProcessingException e, String syntax) {
        JsonLocation at = e.getLocation();
        String detail = e.getOriginalMessage();
        int newline = detail == null ? -1 : detail.indexOf('\n');
        if (newline > 0) {
            detail = detail.substring(0, newline);
        }
        String problem = "expected a well-formed " + syntax + " document: " + detail;
        if (at == null || at.getLineNr() <= 0) {
            return EvidenceFormatException.of(source.name(), problem);
        }
        return EvidenceFormatException.at(source.name(), at.getLineNr(), at.getColumnNr(), problem, e);
    }
}
