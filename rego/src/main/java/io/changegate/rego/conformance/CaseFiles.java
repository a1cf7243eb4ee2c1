package io.changegate.rego.conformance;

import io.changegate.rego.value.ArrayValue;
import io.changegate.rego.value.BooleanValue;
import io.changegate.rego.value.Json;
import io.changegate.rego.value.ObjectValue;
import io.changegate.rego.value.StringValue;
import io.changegate.rego.value.Value;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/** Finds and reads conformance case files. */
public final class CaseFiles {
    /** The marker of oracle cases that record an OPA 1.9 bug (see the oracle corpus README). */
    static final String QUIRK_MARKER = "[opa-1.9-quirk";

    private static final Set<String> KNOWN_KEYS = Set.of(
            "note", "query", "modules", "data", "input", "input_term", "want_result", "want_error_code",
            "want_error", "want_defined", "want_output", "strict_error", "sort_bindings", "skip",
            "data_path", "input_path", "fast", "env", "ignore_generated_vars");

    private CaseFiles() {
    }

    /** Every {@code .yaml}/{@code .yml} file under {@code dir} (or {@code dir} itself), sorted by path. */
    public static List<Path> find(Path dir) throws IOException {
        if (Files.isRegularFile(dir)) {
            return List.of(dir);
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().endsWith(".yaml")
                            || p.getFileName().toString().endsWith(".yml"))
                    .sorted()
                    .toList();
        }
    }

    /** The name of {@code file} relative to {@code root}, with '/' separators. */
    public static String relativeName(Path root, Path file) {
        Path rel = Files.isRegularFile(root) ? file.getFileName() : root.relativize(file);
        return rel.toString().replace('\\', '/');
    }

    /**
     * Reads the cases of one file.
     *
     * @param name the file's name in case ids (relative to the corpus)
     * @throws YamlException when the file is not YAML or not a case file
     */
    public static List<ConformanceCase> read(Path file, String name) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        return parse(name, text, file.toAbsolutePath().getParent());
    }

    /** Parses case-file text; companion files ({@code x.rego}, {@code data_path}) resolve in {@code dir}. */
    public static List<ConformanceCase> parse(String name, String text, Path dir) {
        Value doc = YamlValues.parse(name, text);
        if (!(doc instanceof ObjectValue top) || !(top.get("cases") instanceof ArrayValue cases)) {
            throw new YamlException(name, 0, 0, "not a conformance case file: expected a top-level 'cases:' list");
        }
        List<ConformanceCase> out = new ArrayList<>(cases.size());
        for (int i = 0; i < cases.size(); i++) {
            if (!(cases.get(i) instanceof ObjectValue c)) {
                throw new YamlException(name, 0, 0, "case " + i + " is not a map");
            }
            out.add(toCase(name, i, c, dir));
        }
        return out;
    }

    private static ConformanceCase toCase(String file, int index, ObjectValue c, Path dir) {
        CaseReader r = new CaseReader(file, index, c);
        for (int k = 0; k < c.size(); k++) {
            String key = ((StringValue) c.keyAt(k)).value();
            if (!KNOWN_KEYS.contains(key)) {
                throw r.error("unknown key '" + key + "'");
            }
        }
        String note = r.string("note");
        if (note == null) {
            note = "";
        }
        String skip = skipReason(c.get("skip"));
        if (skip == null && note.contains(QUIRK_MARKER)) {
            int start = note.indexOf(QUIRK_MARKER) + QUIRK_MARKER.length();
            int end = note.indexOf(']', start);
            String quirk = note.substring(start, end < 0 ? note.length() : end).replaceFirst("^:\\s*", "");
            skip = "records an OPA 1.9 quirk (newer OPA is the target): " + quirk;
        }

        List<ConformanceCase.Module> modules = new ArrayList<>();
        Value mods = c.get("modules");
        if (mods != null && !(mods instanceof ArrayValue)) {
            throw r.error("'modules' must be a list of strings");
        }
        if (mods instanceof ArrayValue list) {
            for (int i = 0; i < list.size(); i++) {
                if (!(list.get(i) instanceof StringValue s)) {
                    throw r.error("modules[" + i + "] must be a string");
                }
                String src = s.value();
                if (isCompanionFile(src)) {
                    // rego-cpp names modules by file, next to the YAML file.
                    String companion = src.strip();
                    Path p = dir == null ? null : dir.resolve(companion);
                    if (p == null || !Files.isRegularFile(p)) {
                        skip = skip != null ? skip : "companion file " + companion + " is not present beside " + file;
                        modules.add(new ConformanceCase.Module(companion, ""));
                    } else {
                        modules.add(new ConformanceCase.Module(companion, readCompanion(r, p)));
                    }
                } else {
                    modules.add(new ConformanceCase.Module("test-" + i + ".rego", src));
                }
            }
        }

        ObjectValue data = null;
        Value d = c.get("data");
        if (d != null && !(d instanceof ObjectValue)) {
            throw r.error("'data' must be a map");
        }
        data = (ObjectValue) d;
        String dataPath = r.string("data_path");
        if (dataPath != null) {
            Value v = companionJson(r, dir, dataPath);
            if (v == null) {
                skip = skip != null ? skip : "companion file " + dataPath + " is not present beside " + file;
            } else if (v instanceof ObjectValue o) {
                data = o;
            } else {
                throw r.error("data_path " + dataPath + " must hold a JSON object");
            }
        }

        Value input = c.get("input");
        String inputPath = r.string("input_path");
        if (inputPath != null) {
            input = companionJson(r, dir, inputPath);
            if (input == null) {
                skip = skip != null ? skip : "companion file " + inputPath + " is not present beside " + file;
            }
        }
        String inputTerm = r.string("input_term");
        if (inputTerm != null && input != null) {
            throw r.error("a case has 'input' or 'input_term', not both");
        }

        List<ObjectValue> wantResult = null;
        Value wr = c.get("want_result");
        if (wr != null) {
            if (!(wr instanceof ArrayValue rows)) {
                throw r.error("'want_result' must be a list of maps");
            }
            wantResult = new ArrayList<>();
            for (int i = 0; i < rows.size(); i++) {
                if (!(rows.get(i) instanceof ObjectValue row)) {
                    throw r.error("want_result[" + i + "] must be a map of variable names to values");
                }
                wantResult.add(row);
            }
        }

        String query = r.string("query");
        if (query == null) {
            throw r.error("missing 'query'");
        }
        return new ConformanceCase(file, index, note, query, modules, data, input, inputTerm, wantResult,
                r.string("want_error_code"), r.string("want_error"), r.bool("want_defined"),
                r.string("want_output"), Boolean.TRUE.equals(r.bool("strict_error")),
                Boolean.TRUE.equals(r.bool("sort_bindings")), skip);
    }

    private static boolean isCompanionFile(String src) {
        String s = src.strip();
        return s.endsWith(".rego") && !s.contains("\n") && !s.contains(" ");
    }

    private static String skipReason(Value skip) {
        if (skip == null || BooleanValue.FALSE.equals(skip)) {
            return null;
        }
        if (skip instanceof StringValue s && !s.value().isBlank()) {
            return "marked skip in the case file: " + s.value();
        }
        return "marked skip in the case file";
    }

    private static String readCompanion(CaseReader r, Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw r.error("cannot read " + p + ": " + e.getMessage());
        }
    }

    private static Value companionJson(CaseReader r, Path dir, String name) {
        Path p = dir == null ? null : dir.resolve(name);
        if (p == null || !Files.isRegularFile(p)) {
            return null;
        }
        try {
            return Json.parse(Files.readString(p, StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            throw r.error("cannot read " + p + ": " + e.getMessage());
        }
    }

    /** Typed access to one case's fields with errors that name the case. */
    private record CaseReader(String file, int index, ObjectValue c) {
        String string(String key) {
            Value v = c.get(key);
            if (v == null || v instanceof io.changegate.rego.value.NullValue) {
                return null;
            }
            if (!(v instanceof StringValue s)) {
                throw error("'" + key + "' must be a string, got " + v.typeName());
            }
            return s.value();
        }

        Boolean bool(String key) {
            Value v = c.get(key);
            if (v == null) {
                return null;
            }
            if (!(v instanceof BooleanValue b)) {
                throw error("'" + key + "' must be true or false, got " + v.typeName());
            }
            return b.value();
        }

        YamlException error(String message) {
            return new YamlException(file, 0, 0, "case #" + index + ": " + message);
        }
    }
}
