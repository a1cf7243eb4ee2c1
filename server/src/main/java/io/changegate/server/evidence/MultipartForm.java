package io.changegate.server.evidence;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A {@code multipart/form-data} body (RFC 7578) split into its named parts, with part bodies kept byte-exact.
 */
final class MultipartForm {
    private final Map<String, Part> parts;

    private MultipartForm(Map<String, Part> parts) {
        this.parts = parts;
    }

    /** One form field or file. */
    record Part(String name, String filename, byte[] content) {
        String text() {
            return new String(content, StandardCharsets.UTF_8);
        }
    }

    Optional<Part> part(String name) {
        return Optional.ofNullable(parts.get(name));
    }

    /** Parses {@code body} sent with the given Content-Type, or says what is malformed. */
    static MultipartForm parse(String contentType, byte[] body) {
        String boundary = parameter(contentType, "boundary")
                .orElseThrow(() -> new IllegalArgumentException("multipart/form-data without a boundary parameter"));
        byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        int position = indexOf(body, delimiter, 0);
        if (position < 0) {
            throw new IllegalArgumentException("multipart body does not contain its boundary");
        }
        Map<String, Part> parts = new LinkedHashMap<>();
        while (true) {
            int afterDelimiter = position + delimiter.length;
            if (startsWith(body, afterDelimiter, "--")) {
                return new MultipartForm(parts);
            }
            int headersStart = skipLineBreak(body, afterDelimiter);
            int headersEnd = indexOf(body, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), headersStart);
            if (headersEnd < 0) {
                throw new IllegalArgumentException("multipart part without a blank line after its headers");
            }
            String headers = new String(body, headersStart, headersEnd - headersStart, StandardCharsets.UTF_8);
            int contentStart = headersEnd + 4;
            byte[] next = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
            int contentEnd = indexOf(body, next, contentStart);
            if (contentEnd < 0) {
                throw new IllegalArgumentException("multipart body ends before its closing boundary");
            }
            String disposition = header(headers, "content-disposition")
                    .orElseThrow(() -> new IllegalArgumentException("multipart part without Content-Disposition"));
            String name = parameter(disposition, "name")
                    .orElseThrow(() -> new IllegalArgumentException("multipart part without a name"));
            String filename = parameter(disposition, "filename").orElse(null);
            parts.putIfAbsent(name, new Part(name, filename, Arrays.copyOfRange(body, contentStart, contentEnd)));
            position = contentEnd + 2;
        }
    }

    private static Optional<String> header(String headers, String name) {
        for (String line : headers.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().toLowerCase(Locale.ROOT).equals(name)) {
                return Optional.of(line.substring(colon + 1).trim());
            }
        }
        return Optional.empty();
    }

    /** A {@code key=value} or {@code key="value"} parameter of a header value. */
    static Optional<String> parameter(String headerValue, String key) {
        for (String piece : headerValue.split(";")) {
            String trimmed = piece.trim();
            int equals = trimmed.indexOf('=');
            if (equals > 0 && trimmed.substring(0, equals).trim().equalsIgnoreCase(key)) {
                String value = trimmed.substring(equals + 1).trim();
                if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                    value = value.substring(1, value.length() - 1);
                }
                return Optional.of(value);
            }
        }
        return Optional.empty();
    }

    private static int skipLineBreak(byte[] body, int at) {
        if (startsWith(body, at, "\r\n")) {
            return at + 2;
        }
        return startsWith(body, at, "\n") ? at + 1 : at;
    }

    private static boolean startsWith(byte[] body, int at, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
        if (at + bytes.length > body.length) {
            return false;
        }
        for (int i = 0; i < bytes.length; i++) {
            if (body[at + i] != bytes[i]) {
                return false;
            }
        }
        return true;
    }

    private static int indexOf(byte[] body, byte[] pattern, int from) {
        outer:
        for (int i = from; i <= body.length - pattern.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (body[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
