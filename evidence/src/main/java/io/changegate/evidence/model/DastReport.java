package io.changegate.evidence.model;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Alerts of a dynamic application security test, from OWASP ZAP. */
public record DastReport(String tool, String version, String generated, List<Alert> alerts, Summary summary) {

    /**
     * One alert type on one site with its instances.
     *
     * @param risk       {@code HIGH}, {@code MEDIUM}, {@code LOW} or {@code INFORMATIONAL}
     * @param confidence the tool's confidence word, e.g. {@code Medium}
     */
    public record Alert(String pluginId, String name, String risk, String confidence, String site,
                        Integer cweId, Integer wascId, int instanceCount, List<Instance> instances) {
        public Alert {
            instances = List.copyOf(instances);
        }
    }

    public record Instance(String uri, String method, String param, String evidence) {
    }

    /** Alert and instance counts, and alerts per risk. */
    public record Summary(int alerts, int instances, Map<String, Integer> byRisk) {
    }

    public static DastReport of(String tool, String version, String generated, List<Alert> alerts) {
        Map<String, Integer> byRisk = new TreeMap<>();
        for (String risk : List.of("HIGH", "MEDIUM", "LOW", "INFORMATIONAL")) {
            byRisk.put(risk, 0);
        }
        int instances = 0;
        for (Alert a : alerts) {
            byRisk.merge(a.risk(), 1, Integer::sum);
            instances += a.instanceCount();
        }
        return new DastReport(tool, version, generated, List.copyOf(alerts), new Summary(alerts.size(), instances, byRisk));
    }
}
