package io.changegate.rego.parser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.changegate.rego.RegoException;
import io.changegate.rego.ast.Module;
import io.changegate.rego.ast.RegoVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * Every module of the shared conformance corpora parses, except in cases that expect a
 * {@code rego_parse_error}, which must fail with that code; every module that parses also
 * survives printing and parsing again unchanged.
 */
class ConformanceCorpusParseTest {

    static Path shared() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("mvnw"))) {
            dir = dir.getParent();
        }
        return dir == null ? null : dir.resolve("../shared").normalize();
    }

    /**
     * Cases using syntax newer than OPA 1.9, our reference: they must fail to parse until that
     * syntax is supported (then this list shrinks).
     */
    private static final Map<String, String> NEWER_SYNTAX = Map.of(
            "regocpp/stringinterp", "template strings $\"…{x}…\" (OPA 1.14)",
            "regocpp/expressions", "unary minus on a variable, `-c` (OPA 1.9 rejects it: oracle numbers/unary minus var)");

    private static final class Tally {
        int skipped;
        int newerSyntax;
        int parsed;
        int expectedErrors;
        int roundTrips;
        final List<String> failures = new ArrayList<>();
    }

    @Test
    void everyConformanceModuleParsesOrFailsAsExpected() throws IOException {
        Path shared = shared();
        assumeTrue(shared != null && Files.isDirectory(shared.resolve("conformance")),
                "../shared/conformance is absent: skipping the corpus parse test");
        Tally tally = new Tally();
        Load yaml = new Load(LoadSettings.builder().setCodePointLimit(64 * 1024 * 1024).build());
        int files = 0;
        for (String corpus : List.of("opa", "oracle", "rego-cpp")) {
            Path root = shared.resolve("conformance").resolve(corpus);
            if (!Files.isDirectory(root)) {
                continue;
            }
            List<Path> yamls;
            try (Stream<Path> s = Files.walk(root)) {
                yamls = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
            }
            for (Path file : yamls) {
                Object doc = yaml.loadFromString(Files.readString(file));
                if (!(doc instanceof Map<?, ?> m) || !(m.get("cases") instanceof List<?> cases)) {
                    continue;
                }
                files++;
                for (Object c : cases) {
                    if (c instanceof Map<?, ?> kase && kase.get("modules") instanceof List<?> modules) {
                        boolean wantsParseError = "rego_parse_error".equals(kase.get("want_error_code"));
                        checkCase(shared.relativize(file) + " | " + kase.get("note"), modules, wantsParseError, tally);
                    }
                }
            }
        }
        int templates = 0;
        Path gk = shared.resolve("conformance/gatekeeper-library");
        if (Files.isDirectory(gk)) {
            List<Path> ts;
            try (Stream<Path> s = Files.walk(gk)) {
                ts = s.filter(p -> p.getFileName().toString().equals("template.yaml")).sorted().toList();
            }
            for (Path t : ts) {
                templates++;
                for (Object doc : yaml.loadAllFromString(Files.readString(t))) {
                    for (String rego : gatekeeperRego(doc)) {
                        parseOne(shared.relativize(t).toString(), rego, RegoVersion.V0, false, tally);
                    }
                }
            }
        }
        System.out.printf("corpus parse: %d case files, %d templates; %d modules parsed, %d expected parse errors reproduced "
                + "(%d of them newer-than-1.9 syntax), %d cases skipped (companion .rego files absent), %d round trips, %d failures%n",
                files, templates, tally.parsed, tally.expectedErrors, tally.newerSyntax, tally.skipped, tally.roundTrips,
                tally.failures.size());
        tally.failures.stream().limit(40).forEach(f -> System.out.println("  " + f));
        assertThat(tally.failures).isEmpty();
    }

    private static void checkCase(String name, List<?> modules, boolean wantsParseError, Tally tally) {
        if (modules.stream().anyMatch(m -> String.valueOf(m).strip().matches("[\\w./-]+\\.rego"))) {
            tally.skipped++; // modules named as companion files that the corpus does not include
            return;
        }
        String note = name.substring(name.indexOf(" | ") + 3);
        if (NEWER_SYNTAX.keySet().stream().anyMatch(note::startsWith)) {
            wantsParseError = true;
            tally.newerSyntax++;
        }
        if (!wantsParseError) {
            for (int i = 0; i < modules.size(); i++) {
                parseOne(name + " [test-" + i + ".rego]", String.valueOf(modules.get(i)), RegoVersion.V1, false, tally);
            }
            return;
        }
        for (int i = 0; i < modules.size(); i++) {
            try {
                Parser.parseModule("test-" + i + ".rego", String.valueOf(modules.get(i)), RegoVersion.V1);
            } catch (RegoException e) {
                if (e.code().equals("rego_parse_error")) {
                    tally.expectedErrors++;
                    return;
                }
                tally.failures.add(name + ": wrong code " + e.getMessage());
                return;
            } catch (RuntimeException e) {
                tally.failures.add(name + ": crashed " + e);
                return;
            }
        }
        tally.failures.add(name + ": expected a rego_parse_error but every module parsed");
    }

    private static void parseOne(String name, String source, RegoVersion version, boolean quiet, Tally tally) {
        Module m;
        try {
            m = Parser.parseModule("test.rego", source, version);
            tally.parsed++;
        } catch (RegoException e) {
            tally.failures.add(name + ": " + e.getMessage().replace('\n', ' '));
            return;
        } catch (RuntimeException e) {
            tally.failures.add(name + ": crashed " + e);
            return;
        }
        String printed = RegoPrinter.print(m);
        try {
            Module again = Parser.parseModule("test.rego", printed, version == RegoVersion.V0 ? RegoVersion.V1 : version);
            Module expected = version == RegoVersion.V0 ? withVersion(m, RegoVersion.V1) : m;
            if (AstEquality.equal(expected, again)) {
                tally.roundTrips++;
            } else {
                tally.failures.add(name + ": printed module parses differently:\n" + printed);
            }
        } catch (RegoException e) {
            tally.failures.add(name + ": printed module does not parse: " + e.getMessage() + "\n" + printed);
        }
    }

    private static Module withVersion(Module m, RegoVersion v) {
        return new Module(m.file(), v, m.pkg(), m.imports(), m.rules(), m.annotations(), m.comments());
    }

    /** The Rego of a Gatekeeper ConstraintTemplate: each target's {@code rego} and {@code libs}. */
    private static List<String> gatekeeperRego(Object doc) {
        List<String> out = new ArrayList<>();
        if (doc instanceof Map<?, ?> m && m.get("spec") instanceof Map<?, ?> spec && spec.get("targets") instanceof List<?> targets) {
            for (Object t : targets) {
                if (t instanceof Map<?, ?> target) {
                    if (target.get("rego") instanceof String r) {
                        out.add(r);
                    }
                    if (target.get("libs") instanceof List<?> libs) {
                        libs.forEach(l -> out.add(String.valueOf(l)));
                    }
                }
            }
        }
        return out;
    }
}
