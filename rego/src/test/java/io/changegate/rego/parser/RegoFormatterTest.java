package io.changegate.rego.parser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.changegate.rego.RegoException;
import io.changegate.rego.ast.RegoVersion;
import io.changegate.rego.parser.RegoFormatter.Mode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class RegoFormatterTest {

    private static String fmt(String src) throws RegoException {
        return RegoFormatter.format("p.rego", src, Mode.V1);
    }

    @Test
    void adjacentOneLineRulesStayTogetherAndBlocksAreSeparated() throws Exception {
        String src = "package p\n\nx := 1\ny := 2\n\nlong if {\n    x := 1\n    y := 2\n}\nlong if {\n    x := 2\n}\nshort if condition\n";
        assertThat(fmt(src)).isEqualTo("package p\n\nx := 1\ny := 2\n\nlong if {\n\tx := 1\n\ty := 2\n}\n\n"
                + "long if {\n\tx := 2\n}\n\nshort if condition\n");
    }

    @Test
    void commentsAreKeptBeforeAndAfterCode() throws Exception {
        String src = "# header\npackage p\n\n# about allow\nallow if {\n  # inside\n  input.x == 1 # trailing\n}\n# the end\n";
        assertThat(fmt(src)).isEqualTo("# header\npackage p\n\n# about allow\nallow if {\n\t# inside\n\tinput.x == 1 # trailing\n}\n\n# the end\n"
                .replace("}\n\n# the end", "}\n\n# the end"));
    }

    @Test
    void importsAreSortedWithinTheirGroups() throws Exception {
        String src = "package p\n\nimport data.z\nimport data.a\n\nimport input.b as c\n\nallow := true\n";
        assertThat(fmt(src)).isEqualTo("package p\n\nimport data.a\nimport data.z\n\nimport input.b as c\n\nallow := true\n");
    }

    @Test
    void collectionsSpreadOverLinesStaySpreadWithTrailingCommas() throws Exception {
        String src = "package p\n\nx := [1,\n  2, 3,\n  4]\n\ny := {\"a\": 1, \"b\": 2}\n";
        assertThat(fmt(src)).isEqualTo("package p\n\nx := [\n\t1,\n\t2, 3,\n\t4,\n]\n\ny := {\"a\": 1, \"b\": 2}\n");
    }

    @Test
    void v0IsRewrittenToV1WithTheRegoV1Import() throws Exception {
        String src = "package p\n\ndeny[msg] {\n  input.x = 1\n  msg := \"no\"\n}\n\ndefault allow = false\n";
        assertThat(RegoFormatter.format("p.rego", src, Mode.V0_TO_V1)).isEqualTo(
                "package p\n\nimport rego.v1\n\ndeny contains msg if {\n\tinput.x = 1\n\tmsg := \"no\"\n}\n\ndefault allow := false\n");
    }

    @Test
    void rawStringsAndNumberSpellingsArePreserved() throws Exception {
        String src = "package p\n\nr := `a\\b`\n\nn := 1.50\n";
        assertThat(fmt(src)).isEqualTo(src);
    }

    @Test
    void aSyntaxErrorIsReportedNotFormatted() {
        assertThatThrownBy(() -> fmt("package p\n\nallow if {\n")).isInstanceOf(RegoException.class);
    }

    /** Gatekeeper's template Rego is v0: formatting it must be idempotent and keep its meaning. */
    @Test
    void formattingIsIdempotentAndKeepsTheSyntaxTreeOnTheConformanceCorpus() throws Exception {
        Path shared = sharedDir();
        Assumptions.assumeTrue(shared != null, "../shared is not present beside the checkout; skipping the corpus check");
        List<String> modules = new ArrayList<>();
        Path gk = shared.resolve("conformance/gatekeeper-library/library");
        Assumptions.assumeTrue(Files.isDirectory(gk), "no gatekeeper library under ../shared");
        try (Stream<Path> s = Files.walk(gk)) {
            for (Path t : s.filter(p -> p.getFileName().toString().equals("template.yaml")).sorted().toList()) {
                modules.addAll(regoBlocks(Files.readString(t)));
            }
        }
        assertThat(modules).hasSizeGreaterThan(30);
        for (String src : modules) {
            String once = RegoFormatter.format("t.rego", src, Mode.V0_TO_V1);
            assertThat(RegoFormatter.format("t.rego", once, Mode.V1)).isEqualTo(once);
            String before = normalise(RegoPrinter.print(Parser.parseModule("t.rego", src, RegoVersion.V0)));
            String after = normalise(RegoPrinter.print(Parser.parseModule("t.rego", once, RegoVersion.V1)));
            assertThat(after).isEqualTo(before);
        }
    }

    /** Drops what formatting changes on purpose: the added import, blank lines, `=` in heads. */
    private static String normalise(String printed) {
        return printed.replace("import rego.v1\n", "").replaceAll("\n+", "\n")
                .replaceAll("(?m)^([^\\t#].*?) = ", "$1 := ").replace("} else = ", "} else := ");
    }

    /** The Rego of `rego: |` blocks (and libs entries) of a template, by indentation. */
    private static List<String> regoBlocks(String yaml) {
        List<String> out = new ArrayList<>();
        String[] lines = yaml.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String l = lines[i];
            String t = l.strip();
            boolean block = t.equals("rego: |") || t.equals("- |") && inLibs(lines, i);
            if (!block) {
                continue;
            }
            int indent = l.indexOf(t.charAt(0));
            StringBuilder sb = new StringBuilder();
            int bodyIndent = -1;
            int j = i + 1;
            for (; j < lines.length; j++) {
                String b = lines[j];
                if (!b.isBlank()) {
                    int ind = b.length() - b.stripLeading().length();
                    if (ind <= indent) {
                        break;
                    }
                    if (bodyIndent < 0) {
                        bodyIndent = ind;
                    }
                }
                sb.append(b.length() >= bodyIndent && bodyIndent > 0 ? b.substring(Math.min(bodyIndent, b.length())) : b.strip())
                        .append('\n');
            }
            if (sb.toString().strip().startsWith("package")) {
                out.add(sb.toString());
            }
            i = j - 1;
        }
        return out;
    }

    private static boolean inLibs(String[] lines, int i) {
        for (int k = i; k >= 0; k--) {
            String t = lines[k].strip();
            if (t.equals("libs:")) {
                return true;
            }
            if (t.startsWith("rego:") || t.startsWith("target:")) {
                return false;
            }
        }
        return false;
    }

    private static Path sharedDir() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.exists(p.resolve("mvnw"))) {
            p = p.getParent();
        }
        if (p == null || p.getParent() == null) {
            return null;
        }
        Path shared = p.getParent().resolve("shared");
        return Files.isDirectory(shared) ? shared : null;
    }
}
