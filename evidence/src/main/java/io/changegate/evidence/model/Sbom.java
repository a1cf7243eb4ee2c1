package io.changegate.evidence.model;

import java.util.List;

/**
 * A software bill of materials, from CycloneDX, SPDX or Syft.
 *
 * @param specification   the source specification, e.g. {@code cyclonedx}, {@code spdx}, {@code syft}
 * @param specVersion     its version, e.g. {@code 1.6}, {@code SPDX-2.3}, {@code 13.0.0}
 * @param serialNumber    the document's identity (CycloneDX serial number, SPDX namespace), if any
 * @param subject         the component the SBOM describes (CycloneDX metadata component, SPDX described package), if any
 * @param tools           the tools that produced it
 * @param components      every component, nested ones flattened
 * @param dependencies    the dependency graph by component ref
 * @param vulnerabilities vulnerabilities embedded in the SBOM (CycloneDX), normally empty
 */
public record Sbom(String specification, String specVersion, String serialNumber, Component subject,
                   List<Tool> tools, List<Component> components, List<Dependency> dependencies,
                   List<Vulnerability> vulnerabilities, Summary summary) {

    /** Counts a policy needs without walking the lists. */
    public record Summary(int components, int dependencies, int componentsWithoutLicense, SeverityCounts vulnerabilities) {
    }

    public static Sbom of(String specification, String specVersion, String serialNumber, Component subject,
                          List<Tool> tools, List<Component> components, List<Dependency> dependencies,
                          List<Vulnerability> vulnerabilities) {
        int unlicensed = (int) components.stream().filter(c -> c.licenses().isEmpty()).count();
        return new Sbom(specification, specVersion, serialNumber, subject, List.copyOf(tools), List.copyOf(components),
                List.copyOf(dependencies), List.copyOf(vulnerabilities),
                new Summary(components.size(), dependencies.size(), unlicensed,
                        SeverityCounts.of(vulnerabilities, Vulnerability::severity)));
    }
}
