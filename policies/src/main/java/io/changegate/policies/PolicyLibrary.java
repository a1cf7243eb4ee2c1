package io.changegate.policies;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The default compliance policy library, shipped as classpath resources under
 * {@code io/changegate/policies/}: one Rego package per guardrail, its {@code _test.rego}, shared
 * helpers in {@code lib/}, and {@code data.json} with the policy sets per environment.
 *
 * <p>The list is spelled out rather than discovered because a classpath cannot be listed
 * portably (inside a shaded jar it is not a directory).
 */
public final class PolicyLibrary {
    /** The resource folder every path below is relative to. */
    public static final String ROOT = "io/changegate/policies/";

    /** Policy files, the helpers first. */
    public static final List<String> POLICIES = List.of(
            "lib/lib.rego",
            "vulnerabilities.rego",
            "sbom.rego",
            "image_signature.rego",
            "provenance.rego",
            "sast.rego",
            "dast.rego",
            "tests.rego",
            "coverage.rego",
            "change_approval.rego",
            "separation_of_duties.rego",
            "k8s_required_labels.rego",
            "k8s_resources.rego",
            "k8s_non_root.rego",
            "k8s_trusted_registries.rego");

    /** The library's tests, in {@code changegate test} / {@code opa test} form. */
    public static final List<String> TESTS = List.of(
            "vulnerabilities_test.rego",
            "sbom_test.rego",
            "image_signature_test.rego",
            "provenance_test.rego",
            "sast_test.rego",
            "dast_test.rego",
            "tests_test.rego",
            "coverage_test.rego",
            "change_approval_test.rego",
            "separation_of_duties_test.rego",
            "k8s_test.rego");

    /** The base document: {@code changegate.environments}, the policy sets per environment. */
    public static final String DATA = "data.json";

    private PolicyLibrary() {
    }

    /** The policy files and {@code data.json}, by path relative to {@link #ROOT}, as a bundle would hold them. */
    public static Map<String, byte[]> files() {
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (String path : POLICIES) {
            files.put(path, read(path));
        }
        files.put(DATA, read(DATA));
        return files;
    }

    /** The bytes of one library file; {@code path} is relative to {@link #ROOT}. */
    public static byte[] read(String path) {
        try (InputStream in = PolicyLibrary.class.getClassLoader().getResourceAsStream(ROOT + path)) {
            if (in == null) {
                throw new IllegalStateException("the policy library resource " + ROOT + path + " is missing from the classpath");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the policy library resource " + ROOT + path, e);
        }
    }
}
