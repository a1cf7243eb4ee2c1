package io.changegate.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.changegate.gate.Decision;
import io.changegate.gate.Violation;
import java.util.Map;
import java.util.TreeMap;

/** A gate decision in the report formats CI systems display: JUnit XML (one case per policy) and SARIF 2.1.0. */
final class CiReports {
    private CiReports() {
    }

    static String junit(Decision d) {
        Map<String, StringBuilder> byPolicy = new TreeMap<>();
        for (Violation v : d.violations()) {
            if (v.blocks()) {
                byPolicy.computeIfAbsent(v.policy(), k -> new StringBuilder()).append(v.msg()).append('\n');
            }
        }
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        xml.append("<testsuite name=\"changegate ").append(escape(d.request().environment())).append("\" tests=\"")
                .append(Math.max(1, byPolicy.size())).append("\" failures=\"").append(byPolicy.size()).append("\">\n");
        if (byPolicy.isEmpty()) {
            xml.append("  <testcase classname=\"changegate.gate\" name=\"").append(escape(d.summary())).append("\"/>\n");
        }
        byPolicy.forEach((policy, messages) -> xml.append("  <testcase classname=\"changegate.policies\" name=\"")
                .append(escape(policy)).append("\">\n    <failure message=\"").append(escape(policy + " blocks the deployment"))
                .append("\">").append(escape(messages.toString())).append("</failure>\n  </testcase>\n"));
        return xml.append("</testsuite>\n").toString();
    }

    static ObjectNode sarif(Decision d) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode sarif = f.objectNode();
        sarif.put("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
        sarif.put("version", "2.1.0");
        ObjectNode run = sarif.putArray("runs").addObject();
        run.putObject("tool").putObject("driver").put("name", "changegate").put("informationUri", "https://changegate.io");
        ArrayNode results = run.putArray("results");
        for (Violation v : d.violations()) {
            ObjectNode result = results.addObject();
            result.put("ruleId", v.policy());
            result.put("level", v.blocks() ? "error" : v.warns() ? "warning" : "note");
            result.putObject("message").put("text", v.msg());
            ObjectNode props = result.putObject("properties");
            props.put("owner", v.owner());
            props.put("mode", v.mode().label());
            props.put("remediation", v.remediation());
            props.put("exception", v.exception());
            props.put("artifact", v.artifact());
        }
        return sarif;
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
