package io.changegate.cli;

import io.changegate.rego.Rego;
import io.changegate.rego.conformance.YamlException;
import io.changegate.rego.conformance.YamlValues;
import io.changegate.rego.value.Json;
import io.changegate.rego.value.JsonException;
import io.changegate.rego.value.ObjectValue;
import io.changegate.rego.value.StringValue;
import io.changegate.rego.value.Value;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Loads policy and data the way {@code opa eval -d} does: a file is read as it is; a directory is
 * walked for {@code .rego} modules and {@code .json}/{@code .yaml}/{@code .yml} data files, and
 * each data file is merged into {@code data} at its directory's path below the given directory.
 */
public final class PolicyFiles {
    private PolicyFiles() {
    }

    /** Modules and the merged base document. */
    public record Loaded(List<Rego.SourceFile> modules, ObjectValue data) {
        public Loaded {
            modules = List.copyOf(modules);
        }
    }

    /** Loads every path; errors name the file and, for syntax errors, the line and column. */
    public static Loaded load(List<Path> paths) throws IOException, CliException {
        List<Rego.SourceFile> modules = new ArrayList<>();
        ObjectValue data = ObjectValue.EMPTY;
        for (Path root : paths) {
            if (!Files.exists(root)) {
                throw new CliException("changegate: no such file or directory: " + root);
            }
            if (Files.isDirectory(root)) {
                List<Path> files;
                try (Stream<Path> s = Files.walk(root)) {
                    files = s.filter(Files::isRegularFile).sorted().toList();
                }
                for (Path f : files) {
                    String name = f.getFileName().toString();
                    if (name.endsWith(".rego")) {
                        modules.add(new Rego.SourceFile(f.toString(), read(f), null));
                    } else if (isDataFile(name)) {
                        Path dir = root.relativize(f).getParent();
                        data = merge(data, nest(dir, readDocument(f)), f);
                    }
                }
            } else if (root.getFileName().toString().endsWith(".rego")) {
                modules.add(new Rego.SourceFile(root.toString(), read(root), null));
            } else if (isDataFile(root.getFileName().toString())) {
                data = merge(data, readDocument(root), root);
            } else {
                throw new CliException("changegate: " + root
                        + ": unsupported file type (expected .rego, .json, .yaml or .yml)");
            }
        }
        return new Loaded(modules, data);
    }

    private static boolean isDataFile(String name) {
        return name.endsWith(".json") || name.endsWith(".yaml") || name.endsWith(".yml");
    }

    /** Reads a JSON or (by extension) YAML document; an empty YAML document is an error. */
    public static Value readDocument(Path file) throws IOException, CliException {
        String text = read(file);
        String name = file.getFileName().toString();
        try {
            if (name.endsWith(".yaml") || name.endsWith(".yml")) {
                Value v = YamlValues.parse(file.toString(), text);
                if (v == null) {
                    throw new CliException("changegate: " + file + ": empty document");
                }
                return v;
            }
            return Json.parse(text);
        } catch (JsonException e) {
            throw new CliException("changegate: " + file + ":" + e.line() + ":" + e.column() + ": " + e.reason());
        } catch (YamlException e) {
            throw new CliException("changegate: " + e.getMessage());
        }
    }

    private static String read(Path f) throws IOException {
        String s = Files.readString(f, StandardCharsets.UTF_8);
        return s.startsWith("\uFEFF") ? s.substring(1) : s;
    }

    /** Wraps {@code v} in objects along {@code dir}'s components: {@code a/b} gives {@code {"a": {"b": v}}}. */
    private static Value nest(Path dir, Value v) {
        if (dir == null) {
            return v;
        }
        for (int i = dir.getNameCount() - 1; i >= 0; i--) {
            v = ObjectValue.builder().put(dir.getName(i).toString(), v).build();
        }
        return v;
    }

    private static ObjectValue merge(ObjectValue into, Value doc, Path file) throws CliException {
        if (!(doc instanceof ObjectValue o)) {
            throw new CliException("changegate: " + file + ": a data file at the root of data must hold an object, not "
                    + (doc.typeName().equals("array") ? "an " : "a ") + doc.typeName());
        }
        Value merged = mergeValues(into, o, "data", file);
        return (ObjectValue) merged;
    }

    private static Value mergeValues(Value a, Value b, String path, Path file) throws CliException {
        if (a instanceof ObjectValue oa && b instanceof ObjectValue ob) {
            ObjectValue result = oa;
            for (int i = 0; i < ob.size(); i++) {
                Value k = ob.keyAt(i);
                Value existing = oa.get(k);
                String sub = path + "." + (k instanceof StringValue s ? s.value() : Json.write(k));
                result = result.with(k, existing == null ? ob.valueAt(i) : mergeValues(existing, ob.valueAt(i), sub, file));
            }
            return result;
        }
        throw new CliException("changegate: " + file + ": merge error: " + path + " is already defined by another data file");
    }
}
