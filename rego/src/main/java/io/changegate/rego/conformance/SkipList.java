package io.changegate.rego.conformance;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Cases that cannot pass here, each with the reason (for example, one that needs a network).
 *
 * <p>The file has one entry per line: a case id ({@code file#index note}), {@code file#index},
 * or a whole file path, then a TAB, then the reason. Blank lines and lines starting with
 * {@code #} are ignored.
 */
public final class SkipList {
    public static final SkipList EMPTY = new SkipList(Map.of());

    private final Map<String, String> reasons;

    private SkipList(Map<String, String> reasons) {
        this.reasons = Map.copyOf(reasons);
    }

    /** Reads a skip list; a line without a TAB-separated reason is an error naming the line. */
    public static SkipList read(Path file) throws IOException {
        return parse(file.toString(), Files.readAllLines(file, StandardCharsets.UTF_8));
    }

    static SkipList parse(String name, List<String> lines) {
        Map<String, String> reasons = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int tab = line.indexOf('\t');
            if (tab <= 0 || line.substring(tab + 1).isBlank()) {
                throw new YamlException(name, i + 1, 0,
                        "expected '<case id or file><TAB><reason>', got: " + line);
            }
            reasons.put(line.substring(0, tab).strip(), line.substring(tab + 1).strip());
        }
        return new SkipList(reasons);
    }

    /** Why the case is skipped, or null when it is not listed. */
    public String reason(ConformanceCase c) {
        String r = reasons.get(c.id());
        if (r == null) {
            r = reasons.get(c.file() + "#" + c.index());
        }
        if (r == null) {
            r = reasons.get(c.file());
        }
        return r;
    }

    public int size() {
        return reasons.size();
    }
}
