package io.changegate.gate.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.changegate.policies.PolicyLibrary;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * A policy repository's content at one revision: Rego modules and data files by bundle path, as
 * an OPA bundle holds them, with a content hash that names exactly this content.
 *
 * <p>The hash is SHA-256 over one line per file in path order, {@code path NUL sha256(content) LF};
 * it changes when any file changes and does not depend on how the files were packed. Test files
 * ({@code *_test.rego}) and {@code .signatures.json} are not part of the policy.
 *
 * @param revision the manifest's revision, else {@code sha256:<first 12 hex>} of the hash
 * @param files    path (no leading slash) to content
 * @param hash     hex SHA-256 as above
 */
public record PolicyBundle(String revision, SortedMap<String, byte[]> files, String hash) {
    /** The largest bundle accepted, compressed or not: policy is small, a huge one is a mistake or an attack. */
    public static final long MAX_BYTES = 64L << 20;
    private static final ObjectMapper MAPPER = new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    public PolicyBundle {
        files = Collections.unmodifiableSortedMap(new TreeMap<>(files));
    }

    /** A bundle of these files; the revision comes from {@code .manifest} when there is one. */
    public static PolicyBundle of(Map<String, byte[]> content, String fallbackRevision) {
        SortedMap<String, byte[]> files = new TreeMap<>();
        content.forEach((path, bytes) -> {
            String clean = path.replace('\\', '/').replaceAll("^/+", "");
            if (clean.endsWith("_test.rego") || clean.equals(".signatures.json") || clean.contains("../")) {
                return;
            }
            if (clean.endsWith(".rego") || clean.endsWith("data.json") || clean.equals(".manifest")) {
                files.put(clean, bytes);
            }
        });
        String hash = hashOf(files);
        String revision = fallbackRevision;
        byte[] manifest = files.get(".manifest");
        if (manifest != null) {
            try {
                JsonNode m = MAPPER.readTree(manifest);
                if (m.hasNonNull("revision") && !m.get("revision").asText().isBlank()) {
                    revision = m.get("revision").asText();
                }
            } catch (IOException e) {
                throw new IllegalArgumentException(".manifest: not valid JSON: " + e.getMessage());
            }
        }
        return new PolicyBundle(revision != null ? revision : "sha256:" + hash.substring(0, 12), files, hash);
    }

    /** The default policy library shipped with Changegate. */
    public static PolicyBundle library() {
        return of(PolicyLibrary.files(), "changegate-library-0.1.0");
    }

    /**
     * The default library with a team's own policy sets: {@code dataJson} replaces the library's
     * {@code data.json} (it must define {@code changegate.environments}).
     */
    public static PolicyBundle libraryWith(byte[] dataJson) {
        Map<String, byte[]> files = new TreeMap<>(PolicyLibrary.files());
        files.put(PolicyLibrary.DATA, dataJson);
        return of(files, null);
    }

    /** Every {@code .rego} (tests excluded), {@code data.json} and {@code .manifest} under a directory. */
    public static PolicyBundle fromDirectory(Path directory) throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(directory)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                String rel = directory.relativize(file).toString().replace('\\', '/');
                if (rel.endsWith(".rego") || rel.endsWith("data.json") || rel.equals(".manifest") || rel.equals(".signatures.json")) {
                    files.put(rel, Files.readAllBytes(file));
                }
            }
        }
        return of(files, null);
    }

    /**
     * Reads an OPA bundle archive ({@code .tar.gz}); when {@code signatures} is not null, the
     * bundle must carry a {@code .signatures.json} that it verifies.
     */
    public static PolicyBundle fromTarGz(String source, byte[] archive, BundleSignatures signatures) throws IOException {
        if (archive.length > MAX_BYTES) {
            throw new IOException(source + ": the bundle is larger than " + MAX_BYTES + " bytes");
        }
        Map<String, byte[]> files;
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(archive))) {
            files = TarReader.read(source, in, MAX_BYTES);
        }
        if (signatures != null) {
            signatures.verify(source, files);
        }
        return of(files, null);
    }

    /** The base document: every {@code data.json} placed at its directory's path, merged. */
    public ObjectNode data() {
        ObjectNode root = MAPPER.createObjectNode();
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            String path = file.getKey();
            if (!path.endsWith("data.json")) {
                continue;
            }
            JsonNode content;
            try {
                content = MAPPER.readTree(file.getValue());
            } catch (IOException e) {
                throw new IllegalArgumentException(path + ": not valid JSON: " + e.getMessage());
            }
            if (!content.isObject()) {
                throw new IllegalArgumentException(path + ": a data file must hold an object");
            }
            ObjectNode at = root;
            String dir = path.contains("/") ? path.substring(0, path.lastIndexOf('/')) : "";
            for (String segment : dir.isEmpty() ? new String[0] : dir.split("/")) {
                at = at.has(segment) && at.get(segment).isObject() ? (ObjectNode) at.get(segment) : at.putObject(segment);
            }
            merge(at, (ObjectNode) content, path);
        }
        return root;
    }

    /** The Rego modules by path. */
    public Map<String, String> modules() {
        Map<String, String> modules = new TreeMap<>();
        files.forEach((path, bytes) -> {
            if (path.endsWith(".rego")) {
                modules.put(path, new String(bytes, StandardCharsets.UTF_8));
            }
        });
        return modules;
    }

    /** A self-contained JSON snapshot, stored in the evidence log so any decision can be replayed. */
    public byte[] snapshot() {
        ObjectNode json = MAPPER.createObjectNode();
        json.put("revision", revision);
        json.put("hash", hash);
        ObjectNode content = json.putObject("files");
        files.forEach((path, bytes) -> content.put(path, new String(bytes, StandardCharsets.UTF_8)));
        try {
            return MAPPER.writeValueAsBytes(json);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reads a {@link #snapshot()}, refusing one whose content does not match its hash. */
    public static PolicyBundle fromSnapshot(byte[] snapshot) {
        JsonNode json;
        try {
            json = MAPPER.readTree(snapshot);
        } catch (IOException e) {
            throw new IllegalArgumentException("policy snapshot: not valid JSON: " + e.getMessage());
        }
        Map<String, byte[]> files = new TreeMap<>();
        json.path("files").properties().forEach(e -> files.put(e.getKey(), e.getValue().asText().getBytes(StandardCharsets.UTF_8)));
        PolicyBundle bundle = of(files, json.path("revision").asText(null));
        if (!bundle.hash().equals(json.path("hash").asText())) {
            throw new IllegalArgumentException("policy snapshot: its content hashes to " + bundle.hash()
                    + ", not the recorded " + json.path("hash").asText());
        }
        return bundle;
    }

    static String hashOf(SortedMap<String, byte[]> files) {
        MessageDigest all = sha256();
        files.forEach((path, bytes) -> {
            all.update(path.getBytes(StandardCharsets.UTF_8));
            all.update((byte) 0);
            all.update(HexFormat.of().formatHex(sha256().digest(bytes)).getBytes(StandardCharsets.UTF_8));
            all.update((byte) '\n');
        });
        return HexFormat.of().formatHex(all.digest());
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void merge(ObjectNode into, ObjectNode from, String path) {
        from.properties().forEach(e -> {
            JsonNode existing = into.get(e.getKey());
            if (existing != null && existing.isObject() && e.getValue().isObject()) {
                merge((ObjectNode) existing, (ObjectNode) e.getValue(), path);
            } else if (existing != null) {
                throw new IllegalArgumentException(path + ": data key " + e.getKey() + " is defined by more than one data file");
            } else {
                into.set(e.getKey(), e.getValue());
            }
        });
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PolicyBundle other && other.hash.equals(hash) && other.revision.equals(revision);
    }

    @Override
    public int hashCode() {
        return hash.hashCode();
    }

    @Override
    public String toString() {
        return "PolicyBundle[" + revision + ", sha256:" + hash + ", " + files.size() + " files]";
    }

    static List<String> names(Map<String, byte[]> files) {
        return List.copyOf(files.keySet());
    }
}
