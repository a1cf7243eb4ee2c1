package io.changegate.rego.fuzz;

import io.changegate.rego.conformance.YamlException;
import io.changegate.rego.conformance.YamlValues;
import io.changegate.rego.value.ArrayValue;
import io.changegate.rego.value.Json;
import io.changegate.rego.value.ObjectValue;
import io.changegate.rego.value.StringValue;
import io.changegate.rego.value.Value;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Valid inputs that the fuzzer mutates: Rego modules and queries, JSON and YAML documents.
 *
 * <p>They come from the shared corpora beside the checkout ({@code ../shared/conformance} case
 * files and the Rego they hold, {@code ../shared/fixtures} tool outputs) when present, and
 * always include a few written here, so the fuzz tests run the same way without the corpora.
 */
record Seeds(List<String> rego, List<String> queries, List<String> json, List<String> yaml, String origin) {
    /** Larger seeds would make each try slow without reaching more code. */
    private static final long MAX_SEED_BYTES = 32 * 1024;

    private static Seeds loaded;

    /** The seeds, read once per test JVM. */
    static synchronized Seeds get() {
        if (loaded == null) {
            loaded = load();
        }
        return loaded;
    }

    private static Seeds load() {
        Set<String> rego = new LinkedHashSet<>(BuiltIn.REGO);
        Set<String> queries = new LinkedHashSet<>(BuiltIn.QUERIES);
        Set<String> json = new LinkedHashSet<>(BuiltIn.JSON);
        Set<String> yaml = new LinkedHashSet<>(BuiltIn.YAML);
        Path shared = shared();
        String origin = "built-in seeds only (../shared is absent)";
        if (shared != null) {
            for (Path file : files(shared.resolve("conformance"), ".yaml")) {
                String text = read(file);
                yaml.add(text);
                try {
                    collect(YamlValues.parse(file.toString(), text), rego, queries, json);
                } catch (YamlException e) {
                    // A case file the strict reader refuses is still a good YAML seed.
                }
            }
            for (Path file : files(shared.resolve("fixtures"), ".json")) {
                json.add(read(file));
            }
            for (Path file : files(shared.resolve("fixtures"), ".yaml")) {
                yaml.add(read(file));
            }
            origin = "built-in seeds and " + shared;
        }
        return new Seeds(List.copyOf(rego), List.copyOf(queries), List.copyOf(json), List.copyOf(yaml),
                origin + ": " + rego.size() + " Rego modules, " + queries.size() + " queries, "
                        + json.size() + " JSON and " + yaml.size() + " YAML documents");
    }

    /** Takes modules, queries and JSON documents out of a conformance case file or a Gatekeeper template. */
    private static void collect(Value v, Set<String> rego, Set<String> queries, Set<String> json) {
        switch (v) {
            case ObjectValue o -> {
                for (int i = 0; i < o.size(); i++) {
                    Value key = o.keyAt(i);
                    Value value = o.valueAt(i);
                    String k = key instanceof StringValue s ? s.value() : "";
                    if (k.equals("query") && value instanceof StringValue q) {
                        queries.add(q.value());
                    } else if ((k.equals("data") || k.equals("input")) && json.size() < 2000) {
                        json.add(Json.write(value));
                    }
                    collect(value, rego, queries, json);
                }
            }
            case ArrayValue a -> {
                for (int i = 0; i < a.size(); i++) {
                    collect(a.get(i), rego, queries, json);
                }
            }
            case StringValue s when s.value().contains("package ") && s.value().contains("\n") -> rego.add(s.value());
            default -> {
            }
        }
    }

    /** {@code ../shared} beside the directory holding {@code mvnw}, or null when absent. */
    static Path shared() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("mvnw"))) {
            dir = dir.getParent();
        }
        Path shared = dir == null ? null : dir.resolve("../shared").normalize();
        return shared != null && Files.isDirectory(shared) ? shared : null;
    }

    private static List<Path> files(Path root, String suffix) {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(p -> p.toString().endsWith(suffix)).filter(Seeds::small).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean small(Path p) {
        try {
            return Files.isRegularFile(p) && Files.size(p) <= MAX_SEED_BYTES;
        } catch (IOException e) {
            return false;
        }
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Seeds written for these tests, covering the syntax each reader knows. */
    private static final class BuiltIn {
        static final List<String> REGO = List.of(
                """
                package authz

                import rego.v1
                import data.roles as r

                # METADATA
                # title: Allow admins
                # custom:
                #   severity: high
                default allow := false

                allow if {
                    some role in r[input.user]
                    role == "admin"
                    not input.locked
                }

                allow if input.method == "GET" with input.user as "x"
                """,
                """
                package lib.strings

                f(x) := y if {
                    y := sprintf("%s-%d", [x, 1])
                } else := "none"

                g(x, y) = x + y * 2 - (3 / 4) % 5

                s := {1, 2.5, -3e10, "a", `raw\\n`, true, null, [1, {"k": {"v"}}]}

                c := {k: v | some k, v in input.obj; v != 0}
                d := [x | x := input.xs[_]; x > 1]
                e := {x | x := input.xs[_]}

                every_ok if {
                    every x in input.xs { x >= 0 }
                }

                p.q[r] contains z if { z := input.z[r] }
                """,
                """
                package v1

                deny contains msg if {
                    input.request.kind.kind == "Pod"
                    container := input.request.object.spec.containers[_]
                    not startswith(container.image, "registry.local/")
                    msg := sprintf("image %v not allowed", [container.image])
                }

                x := 1 if { true } else := 2
                y.z := data.a.b["c"][0]
                n := count([1 | input.a == input.b]) & 3 | 4
                """);

        static final List<String> QUERIES = List.of(
                "data.x = 1",
                "x := [1, 2, 3]; some i; x[i] > 1",
                "not data.a.b[\"c\"]; y = {\"k\": [1, {2}]}",
                "a := count({x | x := input[_]}) with input as [1, 2]",
                "startswith(\"abc\", \"a\") == true; 1 + 2 * 3 < 10");

        static final List<String> JSON = List.of(
                "{\"a\": [1, -2.5e-3, true, false, null, \"s\\u00e9\\n\"], \"b\": {\"c\": {}}}",
                "[1e400, 123456789012345678901234567890, -0, 0.1]",
                "\"\\ud83d\\ude00 \\\" \\\\ \\/\"",
                "{\"apiVersion\": \"v1\", \"kind\": \"Pod\", \"metadata\": {\"name\": \"x\", \"labels\": {\"app\": \"y\"}}}");

        static final List<String> YAML = List.of(
                """
                apiVersion: v1
                kind: Pod
                metadata:
                  name: x
                  labels: {app: y, "tier": 'web'}
                spec:
                  containers:
                    - name: c
                      image: nginx:1.25
                      ports: [80, 0x1F, 010, 1e3, .inf, ~, yes, off]
                """,
                """
                defaults: &d
                  a: 1
                  b: [1, 2]
                use:
                  <<: *d
                  c: |
                    block text
                    more
                  f: >-
                    folded
                    text
                ? [complex, key]
                : value
                ---
                second: doc
                """,
                "- !!str 1\n- !!int \"2\"\n- !!binary aGVsbG8=\n- 2001-12-14t21:59:43.10-05:00\n- \"\\x41\\u00e9\"\n");
    }
}
