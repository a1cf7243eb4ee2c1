package io.changegate.evidence.formats;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** One document being read: its name, bytes and lazily parsed syntax tree. */
final class Source {
    /** What the first significant character says the document is written in. */
    enum Syntax { JSON, XML, YAML, TEXT, EMPTY }

    private final String name;
    private final byte[] bytes;
    private final Limits limits;
    private JsonNode json;
    private XmlElement xml;
    private String pointer = "";
    private Syntax syntax;
    private String predicateType;
    private java.util.List<JsonView> subjects = java.util.List.of();

    Source(String name, byte[] bytes, Limits limits) throws EvidenceFormatException {
        this.name = name == null || name.isBlank() ? "<input>" : name;
        this.bytes = bytes == null ? new byte[0] : bytes;
        this.limits = limits;
        if (this.bytes.length > limits.maxDocumentBytes()) {
            throw EvidenceFormatException.of(this.name, "document is " + this.bytes.length
                    + " bytes, larger than the limit of " + limits.maxDocumentBytes() + " bytes");
        }
    }

    String name() {
        return name;
    }

    byte[] bytes() {
        return bytes;
    }

    /** The file name in lower case, used only as a hint when content is ambiguous. */
    String nameHint() {
        int slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
        return name.substring(slash + 1).toLowerCase(Locale.ROOT);
    }

    Syntax syntax() {
        if (syntax == null) {
            syntax = sniff();
        }
        return syntax;
    }

    private Syntax sniff() {
        int i = bomLength();
        while (i < bytes.length && isWhitespace(bytes[i])) {
            i++;
        }
        if (i >= bytes.length) {
            return Syntax.EMPTY;
        }
        char first = (char) (bytes[i] & 0xff);
        if (first == '<') {
            return Syntax.XML;
        }
        if (first == '{' || first == '[' || startsWith(i, "null")) {
            return Syntax.JSON;
        }
        String hint = nameHint();
        if (startsWith(i, "---") || startsWith(i, "%YAML") || hint.endsWith(".yaml") || hint.endsWith(".yml")) {
            return Syntax.YAML;
        }
        return Syntax.TEXT;
    }

    /** The document as a JSON (or, for YAML files, YAML) tree. */
    JsonNode json() throws EvidenceFormatException {
        if (json == null) {
            json = syntax() == Syntax.YAML ? JsonTrees.parseYaml(this) : JsonTrees.parse(this);
        }
        return json;
    }

    /** The document as an XML element tree. */
    XmlElement xml() throws EvidenceFormatException {
        if (xml == null) {
            xml = XmlTrees.parse(this);
        }
        return xml;
    }

    /** A JSON view of the root, for readers that navigate with pointers. */
    JsonView root() throws EvidenceFormatException {
        return new JsonView(this, json(), pointer);
    }

    /** The predicate of an in-toto Statement in this document, as a source of its own. */
    Source forPredicate(JsonView predicate, String predicateType, java.util.List<JsonView> subjects) throws EvidenceFormatException {
        Source inner = new Source(name, bytes, limits);
        inner.json = predicate.node();
        inner.syntax = Syntax.JSON;
        inner.pointer = predicate.pointer();
        inner.predicateType = predicateType;
        inner.subjects = java.util.List.copyOf(subjects);
        return inner;
    }

    /** The enclosing Statement's predicate type, or null for a bare document. */
    String predicateType() {
        return predicateType;
    }

    /** The enclosing Statement's subjects, or empty for a bare document. */
    java.util.List<JsonView> statementSubjects() {
        return subjects;
    }

    Limits limits() {
        return limits;
    }

    EvidenceFormatException error(String problem) {
        return EvidenceFormatException.of(name, problem);
    }

    private int bomLength() {
        return bytes.length >= 3 && (bytes[0] & 0xff) == 0xEF && (bytes[1] & 0xff) == 0xBB && (bytes[2] & 0xff) == 0xBF ? 3 : 0;
    }

    private boolean startsWith(int offset, String text) {
        byte[] expected = text.getBytes(StandardCharsets.US_ASCII);
        if (offset + expected.length > bytes.length) {
            return false;
        }
        for (int k = 0; k < expected.length; k++) {
            if (bytes[offset + k] != expected[k]) {
                return false;
            }
        }
        return true;
    }

    private static boolean isWhitespace(byte b) {
        return b == ' ' || b == '\n' || b == '\r' || b == '\t';
    }
}
