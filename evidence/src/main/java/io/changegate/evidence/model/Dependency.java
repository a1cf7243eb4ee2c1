package io.changegate.evidence.model;

import java.util.List;

/** The direct dependencies of one component, by ref. */
public record Dependency(String ref, List<String> dependsOn) {
    public Dependency {
        dependsOn = List.copyOf(dependsOn);
    }
}
