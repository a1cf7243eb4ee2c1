package io.changegate.evidence.formats;

import com.fasterxml.jackson.databind.JsonNode;
import io.changegate.evidence.model.DastReport;
import io.changegate.evidence.model.EvidenceKind;

import java.util.ArrayList;
import java.util.List;

/**
 * OWASP ZAP "traditional" reports in JSON and XML (plain and -plus variants). Risk codes
 * 3..0 become HIGH, MEDIUM, LOW, INFORMATIONAL; the localised {@code riskdesc} text is ignored.
 */
final class ZapReader implements FormatReader {
    private static final List<String> RISKS = List.of("INFORMATIONAL", "LOW", "MEDIUM", "HIGH");
    private static final List<String> CONFIDENCES = List.of("False Positive", "Low", "Medium", "High", "Confirmed");

    @Override
    public List<String> names() {
        return List.of("zap");
    }

    @Override
    public boolean recognises(Source source) throws EvidenceFormatException {
        if (source.syntax() == Source.Syntax.XML) {
            return source.xml().name().equals("OWASPZAPReport");
        }
        JsonNode root = source.json();
        return root.isObject() && root.has("site") && (root.has("@version") || root.has("@programName"));
    }

    @Override
    public ParsedEvidence read(Source source) throws EvidenceFormatException {
        return source.syntax() == Source.Syntax.XML ? readXml(source) : readJson(source);
    }

    private ParsedEvidence readJson(Source source) throws EvidenceFormatException {
        JsonView report = source.root().requireObject();
        List<DastReport.Alert> alerts = new ArrayList<>();
        for (JsonView site : report.requireArray("site")) {
            String siteName = site.text("@name");
            for (JsonView alert : site.array("alerts")) {
                String riskCode = alert.text("riskcode");
                List<DastReport.Instance> instances = new ArrayList<>();
                for (JsonView instance : alert.array("instances")) {
                    instances.add(new DastReport.Instance(instance.text("uri"), instance.text("method"), instance.text("param"),
                            instance.text("evidence")));
                }
                Integer count = alert.integer("count");
                alerts.add(new DastReport.Alert(alert.text("pluginid"), alertName(alert.text("name"), alert.text("alert")),
                        risk(riskCode, alert.get("riskcode")), confidence(alert.text("confidence")), siteName,
                        alert.integer("cweid"), alert.integer("wascid"), count != null ? count : instances.size(), instances));
            }
        }
        return Predicates.parsed(EvidenceKind.DAST, "zap-json",
                DastReport.of(programName(report.text("@programName")), report.text("@version"), report.text("@generated"), alerts));
    }

    private ParsedEvidence readXml(Source source) throws EvidenceFormatException {
        XmlElement report = source.xml();
        if (!report.name().equals("OWASPZAPReport")) {
            throw EvidenceFormatException.at(source.name(), report.line(), report.column(),
                    "expected an <OWASPZAPReport> root element, found <" + report.name() + ">");
        }
        List<DastReport.Alert> alerts = new ArrayList<>();
        for (XmlElement site : report.children("site")) {
            for (XmlElement alert : site.children("alerts", "alertitem")) {
                String riskCode = alert.childText("riskcode");
                if (riskCode == null || !riskCode.matches("[0-3]")) {
                    throw EvidenceFormatException.at(source.name(), alert.line(), alert.column(),
                            "expected <riskcode> 0 to 3 in <alertitem>, found " + (riskCode == null ? "none" : "\"" + riskCode + "\""));
                }
                List<DastReport.Instance> instances = new ArrayList<>();
                for (XmlElement instance : alert.children("instances", "instance")) {
                    instances.add(new DastReport.Instance(instance.childText("uri"), instance.childText("method"),
                            instance.childText("param"), instance.childText("evidence")));
                }
                String count = alert.childText("count");
                alerts.add(new DastReport.Alert(alert.childText("pluginid"), alertName(alert.childText("name"), alert.childText("alert")),
                        RISKS.get(Integer.parseInt(riskCode)), confidence(alert.childText("confidence")), site.attr("name"),
                        integer(alert.childText("cweid")), integer(alert.childText("wascid")),
                        count != null && count.matches("\\d{1,9}") ? Integer.parseInt(count) : instances.size(), instances));
            }
        }
        return Predicates.parsed(EvidenceKind.DAST, "zap-xml",
                DastReport.of(programName(report.attr("programName")), report.attr("version"), report.attr("generated"), alerts));
    }

    private static String risk(String code, JsonView at) throws EvidenceFormatException {
        if (code == null || !code.matches("[0-3]")) {
            throw at.expected("a riskcode from 0 to 3", at.node());
        }
        return RISKS.get(Integer.parseInt(code));
    }

    private static String confidence(String code) {
        return code != null && code.matches("[0-4]") ? CONFIDENCES.get(Integer.parseInt(code)) : code;
    }

    private static String alertName(String name, String alert) {
        return name != null ? name : alert;
    }

    private static String programName(String name) {
        return name == null ? "ZAP" : name;
    }

    private static Integer integer(String text) {
        return text != null && text.matches("-?\\d{1,9}") ? Integer.valueOf(text) : null;
    }
}
