package io.changegate.evidence.formats;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An immutable XML element with its position in the source, built by {@link XmlTrees}.
 * Names are local names (namespace prefixes dropped); text is the element's own character
 * data, trimmed.
 */
record XmlElement(String name, String namespace, Map<String, String> attributes, List<XmlElement> children,
                  String text, int line, int column) {

    String attr(String attribute) {
        String value = attributes.get(attribute);
        return value == null || value.isBlank() ? null : value;
    }

    /** The first present attribute among alternative spellings. */
    String attrAny(String... names) {
        for (String name : names) {
            String value = attr(name);
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    XmlElement child(String childName) {
        for (XmlElement child : children) {
            if (child.name.equals(childName)) {
                return child;
            }
        }
        return null;
    }

    List<XmlElement> children(String childName) {
        List<XmlElement> out = new ArrayList<>();
        for (XmlElement child : children) {
            if (child.name.equals(childName)) {
                out.add(child);
            }
        }
        return out;
    }

    /** Children of a wrapper child, e.g. {@code components/component}. */
    List<XmlElement> children(String wrapper, String childName) {
        XmlElement holder = child(wrapper);
        return holder == null ? List.of() : holder.children(childName);
    }

    /** Trimmed text of a child element, or null when absent or blank. */
    String childText(String childName) {
        XmlElement child = child(childName);
        return child == null || child.text.isEmpty() ? null : child.text;
    }

    String textOrNull() {
        return text.isEmpty() ? null : text;
    }
}
