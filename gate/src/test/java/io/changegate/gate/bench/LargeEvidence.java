package io.changegate.gate.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

/**
 * Generates a large, valid CycloneDX 1.5 SBOM and a Trivy (schema 2) scan of the same image, the
 * same every time for the same sizes, so gate benchmarks judge realistic volumes without committed
 * output files. The scan's vulnerabilities sit on the SBOM's components, with a spread of
 * severities and fixed versions like a real scan of an old image.
 *
 * <p>Run {@code java -cp <gate test classpath> io.changegate.gate.bench.LargeEvidence DIR [components] [vulnerabilities]}
 * to write {@code DIR/sbom.cdx.json} and {@code DIR/trivy.json} for the command-line benchmarks.
 */
public final class LargeEvidence {
    /** The artifact both documents describe. */
    public static final String IMAGE_DIGEST = "sha256:" + "5e1ec7ed".repeat(8);
    public static final String IMAGE_NAME = "registry.bench.example/payments/api@" + IMAGE_DIGEST;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> LICENSES = List.of("MIT", "Apache-2.0", "BSD-3-Clause", "ISC", "MPL-2.0", "GPL-2.0-only");
    private static final List<String> ECOSYSTEMS = List.of("npm", "maven", "pypi", "golang", "deb");

    private LargeEvidence() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: LargeEvidence DIR [components=5000] [vulnerabilities=2000]");
            System.exit(2);
        }
        Path dir = Files.createDirectories(Path.of(args[0]));
        int components = args.length > 1 ? Integer.parseInt(args[1]) : 5_000;
        int vulnerabilities = args.length > 2 ? Integer.parseInt(args[2]) : 2_000;
        Files.write(dir.resolve("sbom.cdx.json"), cycloneDx(components));
        Files.write(dir.resolve("trivy.json"), trivy(components, vulnerabilities));
        System.out.printf("wrote %s/sbom.cdx.json (%,d components) and trivy.json (%,d vulnerabilities) for %s%n",
                dir, components, vulnerabilities, IMAGE_DIGEST);
    }

    /** A CycloneDX 1.5 JSON SBOM of {@code count} library components with licences, hashes and a dependency graph. */
    public static byte[] cycloneDx(int count) {
        ObjectNode bom = JSON.createObjectNode();
        bom.put("bomFormat", "CycloneDX");
        bom.put("specVersion", "1.5");
        bom.put("serialNumber", "urn:uuid:0b5e55ed-0000-4000-8000-" + String.format("%012d", count));
        bom.put("version", 1);
        ObjectNode metadata = bom.putObject("metadata");
        metadata.put("timestamp", "2026-11-29T12:00:00Z");
        metadata.putArray("tools").addObject().put("vendor", "changegate").put("name", "bench-generator").put("version", "1");
        ObjectNode root = metadata.putObject("component");
        root.put("type", "container");
        root.put("bom-ref", "image");
        root.put("name", "registry.bench.example/payments/api");
        root.put("version", IMAGE_DIGEST);
        Random random = new Random(count);
        ArrayNode components = bom.putArray("components");
        ArrayNode dependencies = bom.putArray("dependencies");
        ArrayNode rootDeps = dependencies.addObject().put("ref", "image").putArray("dependsOn");
        for (int i = 0; i < count; i++) {
            Component c = component(i);
            ObjectNode node = components.addObject();
            node.put("type", "library");
            node.put("bom-ref", c.purl());
            node.put("name", c.name());
            node.put("version", c.version());
            node.put("purl", c.purl());
            node.putArray("licenses").addObject().putObject("license").put("id", LICENSES.get(random.nextInt(LICENSES.size())));
            byte[] hash = new byte[32];
            random.nextBytes(hash);
            node.putArray("hashes").addObject().put("alg", "SHA-256").put("content", HexFormat.of().formatHex(hash));
            node.putObject("supplier").put("name", "supplier-" + (i % 97));
            if (i < 50) {
                rootDeps.add(c.purl());
            }
            ArrayNode dependsOn = dependencies.addObject().put("ref", c.purl()).putArray("dependsOn");
            for (int d = 0; d < 3 && i + d + 1 < count; d++) {
                dependsOn.add(component(i + 1 + random.nextInt(Math.min(200, count - i - 1))).purl());
            }
        }
        return write(bom);
    }

    /**
     * A Trivy JSON report (schema 2) of {@code vulnerabilities} findings on the first components of
     * {@link #cycloneDx}: about 2% critical, 10% high, 40% medium, the rest low; 60% with a fixed version.
     */
    public static byte[] trivy(int components, int vulnerabilities) {
        ObjectNode report = JSON.createObjectNode();
        report.put("SchemaVersion", 2);
        report.put("CreatedAt", "2026-11-29T12:00:00Z");
        report.put("ArtifactName", IMAGE_NAME);
        report.put("ArtifactType", "container_image");
        ObjectNode metadata = report.putObject("Metadata");
        metadata.putObject("OS").put("Family", "debian").put("Name", "12.8");
        metadata.put("ImageID", IMAGE_DIGEST);
        metadata.putArray("RepoDigests").add(IMAGE_NAME);
        ObjectNode result = report.putArray("Results").addObject();
        result.put("Target", IMAGE_NAME + " (debian 12.8)");
        result.put("Class", "lang-pkgs");
        result.put("Type", "jar");
        ArrayNode list = result.putArray("Vulnerabilities");
        Random random = new Random(vulnerabilities);
        for (int i = 0; i < vulnerabilities; i++) {
            Component c = component(i % Math.max(1, components / 2));
            int roll = random.nextInt(100);
            String severity = roll < 2 ? "CRITICAL" : roll < 12 ? "HIGH" : roll < 52 ? "MEDIUM" : "LOW";
            double score = switch (severity) {
                case "CRITICAL" -> 9.8;
                case "HIGH" -> 7.5;
                case "MEDIUM" -> 5.3;
                default -> 2.4;
            };
            ObjectNode v = list.addObject();
            String id = "CVE-20" + (18 + i % 8) + "-" + (10_000 + i);
            v.put("VulnerabilityID", id);
            v.put("PkgID", c.name() + "@" + c.version());
            v.put("PkgName", c.name());
            v.putObject("PkgIdentifier").put("PURL", c.purl());
            v.put("InstalledVersion", c.version());
            boolean fixed = random.nextInt(10) < 6;
            if (fixed) {
                v.put("FixedVersion", c.fixedVersion());
            }
            v.put("Status", fixed ? "fixed" : "affected");
            v.put("SeveritySource", "nvd");
            v.put("PrimaryURL", "https://avd.aquasec.com/nvd/" + id.toLowerCase());
            v.put("Title", c.name() + ": generated finding " + i);
            v.put("Description", "A generated vulnerability in " + c.name() + " " + c.version() + " for benchmarks.");
            v.put("Severity", severity);
            v.putArray("CweIDs").add("CWE-" + (20 + i % 700));
            ObjectNode nvd = v.putObject("CVSS").putObject("nvd");
            nvd.put("V3Vector", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H");
            nvd.put("V3Score", score);
            v.putArray("References").add("https://nvd.nist.gov/vuln/detail/" + id);
            v.put("PublishedDate", "2024-01-15T00:00:00Z");
            v.put("LastModifiedDate", "2025-06-01T00:00:00Z");
        }
        return write(report);
    }

    private record Component(String name, String version, String purl, String fixedVersion) {
    }

    /** Component {@code i}: its name, version and package URL depend on {@code i} only. */
    private static Component component(int i) {
        String ecosystem = ECOSYSTEMS.get(i % ECOSYSTEMS.size());
        String name = "component-" + i;
        String version = (1 + i % 9) + "." + (i % 17) + "." + (i % 5);
        String fixed = (1 + i % 9) + "." + (i % 17) + "." + (i % 5 + 1);
        String purl = switch (ecosystem) {
            case "maven" -> "pkg:maven/com.bench.group" + (i % 40) + "/" + name + "@" + version;
            case "golang" -> "pkg:golang/github.com/bench/" + name + "@v" + version;
            case "deb" -> "pkg:deb/debian/" + name + "@" + version + "?distro=debian-12";
            default -> "pkg:" + ecosystem + "/" + name + "@" + version;
        };
        return new Component(name, version, purl, fixed);
    }

    private static byte[] write(ObjectNode node) {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(node);
        } catch (IOException e) {
            throw new IllegalStateException("a tree of plain values always serialises", e);
        }
    }
}
