package io.changegate.cli;

import io.changegate.rego.RegoException;
import io.changegate.rego.ast.Annotation;
import io.changegate.rego.ast.Module;
import io.changegate.rego.ast.RegoVersion;
import io.changegate.rego.ast.Rule;
import io.changegate.rego.parser.Parser;
import io.changegate.rego.parser.RegoPrinter;
import io.changegate.rego.value.ObjectValue;
import io.changegate.rego.value.StringValue;
import io.changegate.rego.value.Value;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code changegate inspect}: lists the packages, rules and METADATA annotations of Rego files. */
@Command(name = "inspect", sortOptions = false,
        description = {"List the packages (namespaces), rules and METADATA annotations of Rego files, like `opa inspect -a`.",
                "Exit code: 0 on success, 2 when a file does not parse."})
final class InspectCommand extends CliCommand {
    enum Format { pretty, json }

    @Parameters(paramLabel = "PATH", arity = "1..*", description = "Rego files or directories.")
    List<Path> paths = new ArrayList<>();

    @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", defaultValue = "pretty",
            description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Format format = Format.pretty;

    @Option(names = {"--v0", "--v0-compatible"}, description = "Parse modules as Rego v0.")
    boolean v0;

    /** One annotation with the path it applies to. */
    private record Entry(String path, Annotation annotation) {
    }

    @Override
    protected int execute() throws Exception {
        Map<String, List<String>> namespaces = new TreeMap<>();
        Map<String, List<String>> rules = new TreeMap<>();
        List<Entry> entries = new ArrayList<>();
        for (Path f : FmtCommand.regoFiles(paths)) {
            String src = FmtCommand.read(f);
            Module m;
            try {
                m = Parser.parseModule(f.toString(), src, v0 ? RegoVersion.V0 : RegoVersion.V1);
            } catch (RegoException e) {
                err().print(OpaErrors.text(e.errors(), Map.of(f.toString(), src)));
                return 2;
            }
            String pkg = RegoPrinter.print(m.pkg().path());
            namespaces.computeIfAbsent(pkg, k -> new ArrayList<>()).add(f.toString());
            Set<Annotation> seen = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
            for (Annotation a : m.annotations()) {
                if (seen.add(a)) {
                    entries.add(new Entry(pkg, a));
                }
            }
            for (Rule r : m.rules()) {
                String path = pkg + "." + RegoPrinter.print(r.head().ref());
                List<String> list = rules.computeIfAbsent(pkg, k -> new ArrayList<>());
                if (!list.contains(path)) {
                    list.add(path);
                }
                for (Annotation a : r.annotations()) {
                    if (seen.add(a)) {
                        entries.add(new Entry(a.scope().equals("package") || a.scope().equals("subpackages") ? pkg : path, a));
                    }
                }
            }
        }
        out().print(format == Format.json ? json(namespaces, entries) : pretty(namespaces, rules, entries));
        return 0;
    }

    private static String pretty(Map<String, List<String>> namespaces, Map<String, List<String>> rules, List<Entry> entries) {
        StringBuilder sb = new StringBuilder("NAMESPACES:\n");
        for (Map.Entry<String, List<String>> ns : namespaces.entrySet()) {
            sb.append("  ").append(ns.getKey()).append('\n');
            for (String f : ns.getValue()) {
                sb.append("    file: ").append(f).append('\n');
            }
            for (String r : rules.getOrDefault(ns.getKey(), List.of())) {
                sb.append("    rule: ").append(r).append('\n');
            }
        }
        if (!entries.isEmpty()) {
            sb.append("\nANNOTATIONS:\n");
            for (Entry e : entries) {
                Annotation a = e.annotation();
                sb.append("  ").append(e.path()).append(" (").append(a.scope()).append(", ")
                        .append(a.location().file()).append(':').append(a.location().row()).append(")\n");
                ObjectValue c = a.content();
                for (int i = 0; i < c.size(); i++) {
                    String key = c.keyAt(i) instanceof StringValue s ? s.value() : c.keyAt(i).toJson();
                    if (key.equals("scope")) {
                        continue;
                    }
                    Value v = c.valueAt(i);
                    sb.append("    ").append(key).append(": ")
                            .append(v instanceof StringValue s ? s.value() : GoJson.compact(v)).append('\n');
                }
            }
        }
        return sb.toString();
    }

    /** OPA's inspect JSON: {@code namespaces} (package → files) and {@code annotations} with their paths and locations. */
    private static String json(Map<String, List<String>> namespaces, List<Entry> entries) {
        StringBuilder sb = new StringBuilder("{\n  \"namespaces\": {");
        int n = 0;
        for (Map.Entry<String, List<String>> ns : namespaces.entrySet()) {
            sb.append(n++ == 0 ? "\n" : ",\n").append("    ").append(GoJson.quote(ns.getKey())).append(": [");
            for (int i = 0; i < ns.getValue().size(); i++) {
                sb.append(i == 0 ? "\n" : ",\n").append("      ").append(GoJson.quote(ns.getValue().get(i)));
            }
            sb.append("\n    ]");
        }
        sb.append(n == 0 ? "}" : "\n  }");
        if (!entries.isEmpty()) {
            sb.append(",\n  \"annotations\": [");
            for (int i = 0; i < entries.size(); i++) {
                Entry e = entries.get(i);
                Map<String, Value> fields = new LinkedHashMap<>();
                ObjectValue content = e.annotation().content();
                for (int k = 0; k < content.size(); k++) {
                    fields.put(content.keyAt(k) instanceof StringValue s ? s.value() : content.keyAt(k).toJson(), content.valueAt(k));
                }
                fields.putIfAbsent("scope", StringValue.of(e.annotation().scope()));
                ObjectValue.Builder b = ObjectValue.builder();
                fields.forEach(b::put);
                sb.append(i == 0 ? "\n" : ",\n").append("    {\n");
                sb.append("      \"annotations\": ").append(GoJson.pretty(b.build(), 3)).append(",\n");
                sb.append("      \"location\": {\n");
                sb.append("        \"file\": ").append(GoJson.quote(e.annotation().location().file())).append(",\n");
                sb.append("        \"row\": ").append(e.annotation().location().row()).append(",\n");
                sb.append("        \"col\": ").append(e.annotation().location().col()).append("\n      },\n");
                sb.append("      \"path\": ").append(GoJson.quote(e.path())).append("\n    }");
            }
            sb.append("\n  ]");
        }
        return sb.append("\n}\n").toString();
    }
}
