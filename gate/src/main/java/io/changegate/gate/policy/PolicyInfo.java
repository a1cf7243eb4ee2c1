package io.changegate.gate.policy;

/**
 * What a policy's package METADATA declares.
 *
 * @param id          the package path below {@code changegate.policies}, e.g. {@code vulnerabilities}
 * @param title       its title
 * @param owner       the owning team ({@code custom.owner}); {@code unowned} when it declares none
 * @param severity    the default severity of its violations ({@code custom.severity}), {@code medium} when none
 * @param remediation the default remediation ({@code custom.remediation}), or empty
 */
public record PolicyInfo(String id, String title, String owner, String severity, String remediation) {
}
