package io.changegate.server.evidence;

import io.changegate.server.JsonResponses;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/** Reads integer query parameters, answering 400 naming the parameter when one is not a number in range. */
final class QueryNumbers {
    private QueryNumbers() {
    }

    /** The parameter's value, {@code fallback} when absent, or null after a 400 was sent. */
    static Long optional(ServerRequest request, ServerResponse response, String name, long min, long max,
                         long fallback) {
        var value = request.query().first(name).asOptional().filter(text -> !text.isBlank());
        if (value.isEmpty()) {
            return fallback;
        }
        return parse(response, name, value.get(), min, max);
    }

    /** The parameter's value, or null after a 400 was sent because it is absent or bad. */
    static Long required(ServerRequest request, ServerResponse response, String name, long min, long max) {
        var value = request.query().first(name).asOptional().filter(text -> !text.isBlank());
        if (value.isEmpty()) {
            JsonResponses.error(response, Status.BAD_REQUEST_400, "query parameter '" + name + "' is required", name);
            return null;
        }
        return parse(response, name, value.get(), min, max);
    }

    private static Long parse(ServerResponse response, String name, String text, long min, long max) {
        try {
            long number = Long.parseLong(text);
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        JsonResponses.error(response, Status.BAD_REQUEST_400, "query parameter '" + name + "' must be an integer from "
                + min + (max == Long.MAX_VALUE ? " up" : " to " + max) + ", got '" + text + "'", name);
        return null;
    }
}
