package io.changegate.constraints.audit;

import io.changegate.constraints.Fields;
import io.changegate.rego.value.ArrayValue;
import io.changegate.rego.value.NumberValue;
import io.changegate.rego.value.ObjectValue;
import io.changegate.rego.value.StringValue;
import io.changegate.rego.value.Value;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * An audit as a {@code wgpolicyk8s.io/v1alpha2} PolicyReport: one result per violation, with the
 * constraint kind as {@code policy} and the constraint name as {@code rule}. Violations of
 * {@code deny} constraints are {@code fail}; of {@code warn} and {@code dryrun} ones, {@code warn};
 * evaluation errors count as {@code error}.
 */
public final class PolicyReports {
    private PolicyReports() {
    }

    /** The report as a value, ready to write as JSON or YAML. */
    public static ObjectValue of(Auditor.Report report, Instant time) {
        List<Value> results = new ArrayList<>();
        long fail = 0;
        long warn = 0;
        ObjectValue timestamp = ObjectValue.of("seconds", NumberValue.of(time.getEpochSecond()),
                "nanos", NumberValue.of(time.getNano()));
        for (Auditor.Finding f : report.findings()) {
            boolean denies = f.violation().actions().contains("deny");
            fail += denies ? 1 : 0;
            warn += denies ? 0 : 1;
            ObjectValue.Builder resource = ObjectValue.builder(5);
            resource.put("apiVersion", StringValue.of(Fields.string(f.object(), "apiVersion")));
            resource.put("kind", StringValue.of(Fields.string(f.object(), "kind")));
            resource.put("name", StringValue.of(Fields.string(f.object(), "metadata", "name")));
            String ns = Fields.string(f.object(), "metadata", "namespace");
            if (!ns.isEmpty()) {
                resource.put("namespace", StringValue.of(ns));
            }
            String uid = Fields.string(f.object(), "metadata", "uid");
            if (!uid.isEmpty()) {
                resource.put("uid", StringValue.of(uid));
            }
            results.add(ObjectValue.of(
                    "policy", StringValue.of(f.violation().constraintKind()),
                    "rule", StringValue.of(f.violation().constraintName()),
                    "message", StringValue.of(f.violation().message()),
                    "result", StringValue.of(denies ? "fail" : "warn"),
                    "scored", io.changegate.rego.value.BooleanValue.TRUE,
                    "source", StringValue.of("changegate"),
                    "timestamp", timestamp,
                    "resources", ArrayValue.of(resource.build()),
                    "properties", ObjectValue.of("enforcementAction",
                            StringValue.of(String.join(",", new java.util.TreeSet<>(f.violation().actions()))))));
        }
        long evaluated = (long) (report.objects() - report.exempted()) * report.totals().size();
        long pass = Math.max(0, evaluated - fail - warn);
        ObjectValue summary = ObjectValue.of("pass", NumberValue.of(pass), "fail", NumberValue.of(fail),
                "warn", NumberValue.of(warn), "error", NumberValue.of(report.errors().size()),
                "skip", NumberValue.of((long) report.exempted() * report.totals().size()));
        return ObjectValue.of("apiVersion", StringValue.of("wgpolicyk8s.io/v1alpha2"),
                "kind", StringValue.of("PolicyReport"),
                "metadata", ObjectValue.of("name", StringValue.of("changegate-audit"),
                        "labels", ObjectValue.of("app.kubernetes.io/managed-by", StringValue.of("changegate"))),
                "summary", summary,
                "results", ArrayValue.of(results));
    }
}
