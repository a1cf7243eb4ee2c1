package io.changegate.evidence.model;

import java.util.List;

/**
 * One component of an SBOM.
 *
 * @param ref      the document-local identifier (CycloneDX bom-ref, SPDX id, Syft id) used by dependencies
 * @param type     the component or package type, e.g. {@code library}, {@code npm}, {@code apk}
 * @param group    the namespace (Maven group, npm scope), if separate from the name
 * @param licenses SPDX ids or expressions, or licence names when no id is given
 * @param supplier the supplier or originator, if stated
 */
public record Component(String ref, String type, String group, String name, String version, String purl,
                        List<String> cpes, List<String> licenses, List<Hash> hashes, String supplier) {
    public Component {
        cpes = List.copyOf(cpes);
        licenses = List.copyOf(licenses);
        hashes = List.copyOf(hashes);
    }
}
