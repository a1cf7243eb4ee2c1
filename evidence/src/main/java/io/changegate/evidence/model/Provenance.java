package io.changegate.evidence.model;

import java.util.List;
import java.util.Map;

/**
 * SLSA build provenance (v0.2 or v1).
 *
 * @param slsaVersion   {@code 0.2} or {@code 1}
 * @param builderId     the builder's identity URI
 * @param buildType     the build type URI
 * @param source        the source the build started from (config source in v0.2, first resolved dependency or workflow repository in v1)
 * @param materials     all materials / resolved dependencies
 * @param subjects      the Statement's subjects when read from a Statement, else empty
 */
public record Provenance(String slsaVersion, String predicateType, String builderId, String buildType,
                         ResourceRef source, List<ResourceRef> materials, String invocationId,
                         String startedOn, String finishedOn, List<Subject> subjects) {
    public Provenance {
        materials = List.copyOf(materials);
        subjects = List.copyOf(subjects);
    }

    /** A resource by URI and digests, e.g. {@code git+https://github.com/o/r@refs/tags/v1} with {@code gitCommit}. */
    public record ResourceRef(String uri, Map<String, String> digest) {
        public ResourceRef {
            digest = Map.copyOf(digest);
        }
    }
}
