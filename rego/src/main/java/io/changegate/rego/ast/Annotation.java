package io.changegate.rego.ast;

import io.changegate.rego.value.ObjectValue;

/**
 * A {@code # METADATA} block: its scope and its YAML content as a Rego object with the
 * fields OPA defines (title, description, authors, organizations, related_resources, schemas,
 * entrypoint, custom…), located where the comment block starts.
 */
public record Annotation(String scope, ObjectValue content, Location location) {
}
