package io.changegate.rego.parser;

import io.changegate.rego.ast.Module;
import io.changegate.rego.ast.RegoVersion;
import java.nio.charset.StandardCharsets;

/**
 * Measures parse throughput on a large generated module (a benchmark, run by hand, not a test):
 * {@code java -cp <test classpath> io.changegate.rego.parser.ParserThroughputBenchmark}.
 */
public final class ParserThroughputBenchmark {
    private ParserThroughputBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        String module = largeModule(Integer.parseInt(args.length > 0 ? args[0] : "4000"));
        double mb = module.getBytes(StandardCharsets.UTF_8).length / 1_000_000.0;
        long best = Long.MAX_VALUE;
        int rules = 0;
        for (int i = 0; i < 15; i++) {
            long t0 = System.nanoTime();
            Module m = Parser.parseModule("big.rego", module, RegoVersion.V1);
            long t = System.nanoTime() - t0;
            best = Math.min(best, t);
            rules = m.rules().size();
        }
        System.out.printf("{\"bytes_mb\":%.2f,\"rules\":%d,\"best_ms\":%.1f,\"mb_per_s\":%.1f}%n",
                mb, rules, best / 1e6, mb / (best / 1e9));
    }

    static String largeModule(int blocks) {
        StringBuilder sb = new StringBuilder("package bench.big\n\nimport rego.v1\nimport data.lib.k8s as k8s\n\n");
        for (int i = 0; i < blocks; i++) {
            sb.append("# METADATA\n# title: rule ").append(i).append("\n# custom:\n#   severity: high\n");
            sb.append("violation_").append(i).append(" contains {\"msg\": msg, \"details\": {\"index\": ").append(i).append("}} if {\n")
              .append("\tsome container in input.review.object.spec.containers\n")
              .append("\tnot startswith(container.image, \"registry.example.com/\")\n")
              .append("\tcount([c | some c in container.ports; c.hostPort > 0; c.protocol == \"TCP\"]) >= 1 + ").append(i % 7).append(" * 2\n")
              .append("\tmsg := sprintf(\"container <%v> uses image <%v>\", [container.name, container.image])\n")
              .append("}\n\n");
            sb.append("allowed_").append(i).append("(x) := y if {\n\ty := {k: v | some k, v in x; v != null}\n} else := {}\n\n");
            sb.append("default enabled_").append(i).append(" := false\n\nenabled_").append(i)
              .append(" if every s in input.settings { s.on == true }\n\n");
        }
        return sb.toString();
    }
}
