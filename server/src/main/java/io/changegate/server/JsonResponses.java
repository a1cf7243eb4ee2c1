package io.changegate.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerResponse;

/** Writes JSON bodies and the API's one error shape: {@code {"error": "…", "field": …}}. */
public final class JsonResponses {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonResponses() {
    }

    /** Sends {@code body} as JSON with {@code status}. */
    public static void send(ServerResponse response, Status status, JsonNode body) {
        byte[] bytes;
        try {
            bytes = MAPPER.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
        response.status(status);
        response.header(HeaderNames.CONTENT_TYPE, "application/json");
        response.send(bytes);
    }

    /** Sends an error; {@code field} names the input at fault, or null. */
    public static void error(ServerResponse response, Status status, String message, String field) {
        ObjectNode body = MAPPER.createObjectNode();
        body.put("error", message);
        if (field == null) {
            body.putNull("field");
        } else {
            body.put("field", field);
        }
        send(response, status, body);
    }

    /** A new empty JSON object. */
    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }
}
