package io.changegate.cli;

import io.changegate.cli.cluster.ClusterLister;
import io.changegate.cli.cluster.KubeConfig;
import io.changegate.constraints.Constraint;
import io.changegate.constraints.ExemptNamespaces;
import io.changegate.constraints.Manifests;
import io.changegate.constraints.PolicySet;
import io.changegate.constraints.PolicyStore;
import io.changegate.constraints.audit.Auditor;
import io.changegate.constraints.audit.PolicyReports;
import io.changegate.constraints.match.Match;
import io.changegate.constraints.yaml.ManifestException;
import io.changegate.constraints.yaml.YamlWriter;
import io.changegate.rego.value.Json;
import io.changegate.rego.value.ObjectValue;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code changegate audit}: evaluates existing objects — from files or a live cluster — against
 * every constraint, reports totals per constraint and every violation, and writes a PolicyReport.
 *
 * <p>Exit codes: 0 when no violation reaches {@code --fail-on}, 1 when one does, 2 for usage
 * errors, policies that do not load, or a cluster that cannot be listed.
 */
@Command(name = "audit", sortOptions = false,
        description = {"Audit existing objects (files, or a cluster through a kubeconfig) against the constraints.",
                "Exits 1 when violations reach --fail-on (default: deny), 2 on errors."})
final class AuditCommand extends CliCommand {
    @Option(names = "--policies", paramLabel = "DIR", required = true,
            description = "ConstraintTemplates and constraints (YAML/JSON).")
    Path policies;

    @Parameters(paramLabel = "PATH", arity = "0..*",
            description = "Object files or directories (YAML, JSON, kubectl get -o json lists).")
    List<Path> paths = new ArrayList<>();

    @Option(names = "--cluster", description = "List the objects from the cluster of the kubeconfig.")
    boolean cluster;

    @Option(names = "--kubeconfig", paramLabel = "FILE", description = "Kubeconfig (default: $KUBECONFIG or ~/.kube/config).")
    Path kubeconfig;

    @Option(names = "--context", paramLabel = "NAME", description = "Kubeconfig context (default: its current-context).")
    String context;

    @Option(names = "--page-size", defaultValue = "500", description = "Objects per list page (default: ${DEFAULT-VALUE}).")
    int pageSize;

    @Option(names = "--exempt-namespace", paramLabel = "NS", split = ",",
            description = "Namespaces not audited (names or prefix*/ *suffix globs).")
    List<String> exemptNamespaces = new ArrayList<>();

    @Option(names = {"-f", "--format"}, defaultValue = "text",
            description = "text, yaml or json (PolicyReport wgpolicyk8s.io/v1alpha2); default: ${DEFAULT-VALUE}.")
    String format;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the report here instead of stdout.")
    Path output;

    @Option(names = "--fail-on", defaultValue = "deny",
            description = "Exit 1 on violations of constraints with this action: deny, warn (deny or warn), any, never (default: ${DEFAULT-VALUE}).")
    String failOn;

    @Override
    protected int execute() throws Exception {
        if (!List.of("text", "yaml", "json").contains(format)) {
            throw new CliException("changegate audit: --format must be text, yaml or json, not " + format, 2);
        }
        if (!List.of("deny", "warn", "any", "never").contains(failOn)) {
            throw new CliException("changegate audit: --fail-on must be deny, warn, any or never, not " + failOn, 2);
        }
        if (cluster && !paths.isEmpty()) {
            throw new CliException("changegate audit: give object files or --cluster, not both", 2);
        }
        if (!cluster && paths.isEmpty()) {
            throw new CliException("changegate audit: give object files or directories, or --cluster", 2);
        }
        ExemptNamespaces exempt;
        try {
            exempt = ExemptNamespaces.of(exemptNamespaces, "--exempt-namespace");
        } catch (IllegalArgumentException e) {
            throw new CliException("changegate audit: " + e.getMessage(), 2);
        }
        PolicySet set = loadPolicies();
        List<ObjectValue> objects = cluster ? listCluster(set) : readObjects();
        Auditor.Report report = new Auditor(set, exempt).audit(objects);
        if (format.equals("text")) {
            writeText(report);
        } else {
            ObjectValue policyReport = PolicyReports.of(report, Instant.now());
            String text = format.equals("json") ? Json.writePretty(policyReport) + "\n" : YamlWriter.write(policyReport);
            if (output != null) {
                Files.writeString(output, text);
            } else {
                out().print(text);
            }
            summary(report, err());
        }
        for (String e : report.errors()) {
            err().println("error: " + e);
        }
        if (!report.errors().isEmpty()) {
            return 2;
        }
        long failing = switch (failOn) {
            case "deny" -> report.count("deny");
            case "warn" -> report.count("deny") + report.count("warn");
            case "any" -> report.findings().size();
            default -> 0;
        };
        return failing > 0 ? 1 : 0;
    }

    private PolicySet loadPolicies() throws Exception {
        if (!Files.isDirectory(policies)) {
            throw new CliException("changegate audit: --policies " + policies + " is not a directory", 2);
        }
        PolicyStore store = new PolicyStore();
        PolicyStore.LoadReport loaded = store.loadDirectory(policies);
        if (!loaded.errors().isEmpty()) {
            throw new CliException("changegate audit: policies rejected:\n" + String.join("\n", loaded.errors()), 2);
        }
        if (loaded.constraints() == 0) {
            throw new CliException("changegate audit: no constraints found in " + policies, 2);
        }
        return store.current();
    }

    private List<ObjectValue> readObjects() throws Exception {
        List<ObjectValue> objects = new ArrayList<>();
        for (Path p : paths) {
            List<Path> files;
            if (Files.isDirectory(p)) {
                try (Stream<Path> walk = Files.walk(p)) {
                    files = walk.filter(Files::isRegularFile).filter(f -> f.toString().matches(".*\\.(ya?ml|json)$"))
                            .sorted().toList();
                }
            } else {
                files = List.of(p);
            }
            for (Path f : files) {
                try {
                    for (Manifests.Located l : Manifests.read(f)) {
                        objects.add(l.object());
                    }
                } catch (ManifestException e) {
                    throw new CliException("changegate audit: " + e.getMessage(), 2);
                }
            }
        }
        return objects;
    }

    private List<ObjectValue> listCluster(PolicySet set) throws Exception {
        Path file = kubeconfig != null ? kubeconfig : KubeConfig.defaultPath();
        KubeConfig config;
        try {
            config = KubeConfig.load(file, context);
        } catch (IllegalArgumentException | ManifestException e) {
            throw new CliException("changegate audit: " + e.getMessage(), 2);
        }
        ClusterLister lister = new ClusterLister(config, pageSize);
        try {
            List<ClusterLister.Resource> resources = lister.discover();
            return lister.list(resources, r -> matchedByAny(set, r));
        } catch (IOException e) {
            throw new CliException("changegate audit: cannot list the cluster: " + e.getMessage(), 2);
        }
    }

    /** Lists only the kinds some constraint can match, as Gatekeeper's audit-match-kind-only does. */
    private static boolean matchedByAny(PolicySet set, ClusterLister.Resource r) {
        String group = io.changegate.constraints.Fields.group(r.groupVersion());
        for (Constraint c : set.constraints()) {
            if (c.match().kinds().isEmpty()) {
                return true;
            }
            for (Match.KindSelector k : c.match().kinds()) {
                boolean groupOk = k.apiGroups().isEmpty() || k.apiGroups().contains("*") || k.apiGroups().contains(group);
                boolean kindOk = k.kinds().isEmpty() || k.kinds().contains("*") || k.kinds().contains(r.kind());
                if (groupOk && kindOk) {
                    return true;
                }
            }
        }
        return false;
    }

    private void writeText(Auditor.Report report) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (Auditor.Finding f : report.findings()) {
            sb.append(String.join(",", new java.util.TreeSet<>(f.violation().actions()))).append(' ')
                    .append(f.violation().render()).append("  (").append(Auditor.describe(f.object())).append(")\n");
        }
        sb.append("\nconstraint totals:\n");
        for (Auditor.Totals t : report.totals().values()) {
            sb.append(String.format("  %-50s %-7s %d violations%n", t.kind() + "/" + t.name(), t.enforcementAction(), t.violations()));
        }
        if (output != null) {
            Files.writeString(output, sb.toString());
        } else {
            out().print(sb);
        }
        summary(report, out());
    }

    private static void summary(Auditor.Report report, java.io.PrintWriter w) {
        w.println("audited " + report.objects() + " objects against " + report.totals().size() + " constraints ("
                + report.exempted() + " exempt): " + report.findings().size() + " violations ("
                + report.count("deny") + " deny, " + report.count("warn") + " warn, " + report.count("dryrun") + " dryrun)");
    }
}
