package io.changegate.evidence.formats;

import javax.xml.XMLConstants;
import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import java.io.ByteArrayInputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses untrusted XML with the JDK's StAX parser hardened: no DTD processing, no external
 * entities or DTDs, and bounded depth and element count.
 */
final class XmlTrees {
    private XmlTrees() {
    }

    static XmlElement parse(Source source) throws EvidenceFormatException {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        // DOCTYPEs (JaCoCo's report.dtd, Cobertura's coverage-04.dtd) are skipped, never fetched.
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        factory.setProperty(XMLInputFactory.IS_COALESCING, true);
        setIfSupported(factory, XMLConstants.ACCESS_EXTERNAL_DTD, "");
        setIfSupported(factory, XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        XMLStreamReader reader = null;
        try {
            reader = factory.createXMLStreamReader(new ByteArrayInputStream(source.bytes()));
            return build(source, reader);
        } catch (XMLStreamException e) {
            Location at = e.getLocation();
            String detail = e.getMessage();
            int marker = detail == null ? -1 : detail.indexOf("Message: ");
            if (marker >= 0) {
                detail = detail.substring(marker + "Message: ".length());
            }
            String problem = "expected well-formed XML: " + detail;
            if (at != null && at.getLineNumber() > 0) {
                throw EvidenceFormatException.at(source.name(), at.getLineNumber(), at.getColumnNumber(), problem, e);
            }
            throw EvidenceFormatException.of(source.name(), problem);
        } finally {
            if (reader != null) {
                try {
                    reader.close();
                } catch (XMLStreamException ignored) {
                    // Nothing is held open on an in-memory stream.
                }
            }
        }
    }

    private static XmlElement build(Source source, XMLStreamReader reader) throws XMLStreamException, EvidenceFormatException {
        Deque<Builder> open = new ArrayDeque<>();
        XmlElement root = null;
        int elements = 0;
        while (reader.hasNext()) {
            int event = reader.next();
            switch (event) {
                case XMLStreamConstants.START_ELEMENT -> {
                    if (++elements > source.limits().maxXmlElements()) {
                        throw at(source, reader, "more than " + source.limits().maxXmlElements() + " elements");
                    }
                    if (open.size() >= source.limits().maxNestingDepth()) {
                        throw at(source, reader, "elements nested deeper than " + source.limits().maxNestingDepth());
                    }
                    Map<String, String> attributes = new LinkedHashMap<>();
                    for (int i = 0; i < reader.getAttributeCount(); i++) {
                        attributes.put(reader.getAttributeLocalName(i), reader.getAttributeValue(i));
                    }
                    Location at = reader.getLocation();
                    open.push(new Builder(reader.getLocalName(), reader.getNamespaceURI(), attributes,
                            at.getLineNumber(), at.getColumnNumber()));
                }
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
                    if (!open.isEmpty()) {
                        open.peek().text.append(reader.getText());
                    }
                }
                case XMLStreamConstants.ENTITY_REFERENCE ->
                        throw at(source, reader, "no entity references (found &" + reader.getLocalName() + ";)");
                case XMLStreamConstants.END_ELEMENT -> {
                    XmlElement done = open.pop().build();
                    if (open.isEmpty()) {
                        root = done;
                    } else {
                        open.peek().children.add(done);
                    }
                }
                default -> {
                    // Comments, processing instructions and the skipped DOCTYPE carry no evidence.
                }
            }
        }
        if (root == null) {
            throw EvidenceFormatException.of(source.name(), "expected an XML root element, found none");
        }
        return root;
    }

    private static EvidenceFormatException at(Source source, XMLStreamReader reader, String problem) {
        Location at = reader.getLocation();
        return EvidenceFormatException.at(source.name(), at.getLineNumber(), at.getColumnNumber(), "expected " + problem);
    }

    private static void setIfSupported(XMLInputFactory factory, String property, Object value) {
        try {
            factory.setProperty(property, value);
        } catch (IllegalArgumentException ignored) {
            // Not every StAX implementation knows the JAXP access properties; the flags above suffice.
        }
    }

    private static final class Builder {
        final String name;
        final String namespace;
        final Map<String, String> attributes;
        final int line;
        final int column;
        final List<XmlElement> children = new ArrayList<>();
        final StringBuilder text = new StringBuilder();

        Builder(String name, String namespace, Map<String, String> attributes, int line, int column) {
            this.name = name;
            this.namespace = namespace == null ? "" : namespace;
            this.attributes = attributes;
            this.line = line;
            this.column = column;
        }

        XmlElement build() {
            return new XmlElement(name, namespace, Map.copyOf(attributes), List.copyOf(children), text.toString().trim(), line, column);
        }
    }
}
