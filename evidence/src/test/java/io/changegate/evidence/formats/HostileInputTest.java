package io.changegate.evidence.formats;

import org.junit.jupiter.api.Test;

import static io.changegate.evidence.formats.ProvenanceAndVexReadersTest.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Documents built to hurt the reader are refused with a located message, never obeyed. */
class HostileInputTest {
    private final EvidenceReaders readers = EvidenceReaders.standard();

    @Test
    void externalEntitiesAreNeverResolved() {
        String xxe = """
                <?xml version="1.0"?>
                <!DOCTYPE testsuites [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
                <testsuites><testsuite name="s"><testcase name="&secret;"/></testsuite></testsuites>
                """;
        assertThatThrownBy(() -> readers.read("xxe.xml", utf8(xxe)))
                .isInstanceOf(EvidenceFormatException.class)
                .hasMessageStartingWith("xxe.xml: line 3")
                .hasMessageNotContaining("root:");
    }

    @Test
    void entityExpansionBombsAreRefused() {
        String bomb = """
                <?xml version="1.0"?>
                <!DOCTYPE coverage [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
                <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>
                <coverage><sources><source>&c;</source></sources></coverage>
                """;
        assertThatThrownBy(() -> readers.read("bomb.xml", utf8(bomb))).isInstanceOf(EvidenceFormatException.class)
                .hasMessageStartingWith("bomb.xml: line 4");
    }

    @Test
    void anExternalDtdIsSkippedNotFetched() throws Exception {
        String jacoco = """
                <?xml version="1.0" encoding="UTF-8"?><!DOCTYPE report PUBLIC "-//JACOCO//DTD Report 1.1//EN" "http://127.0.0.1:1/report.dtd">
                <report name="r"><counter type="LINE" missed="1" covered="3"/></report>
                """;
        assertThat(readers.read("jacoco.xml", utf8(jacoco)).predicate().at("/lines/ratio").asDouble()).isEqualTo(0.75);
    }

    @Test
    void deeplyNestedJsonIsRefused() {
        String deep = "[".repeat(300) + "]".repeat(300);
        assertThatThrownBy(() -> readers.read("deep.json", utf8(deep)))
                .isInstanceOf(EvidenceFormatException.class)
                .hasMessageStartingWith("deep.json: expected a well-formed JSON document: Document nesting depth (257)")
                .hasMessageContaining("exceeds the maximum allowed (256");
    }

    /** The JDK's own secure-processing limit (100 on current JDKs) trips before the reader's 256. */
    @Test
    void deeplyNestedXmlIsRefused() {
        String deep = "<testsuites>" + "<x>".repeat(300) + "</x>".repeat(300) + "</testsuites>";
        assertThatThrownBy(() -> readers.read("deep.xml", utf8(deep)))
                .isInstanceOf(EvidenceFormatException.class)
                .hasMessageStartingWith("deep.xml: line 1, column ")
                .hasMessageContaining("depth");
    }

    @Test
    void documentsOverTheSizeLimitAreRefusedBeforeParsing() {
        EvidenceReaders small = readers.withLimits(1024, 64);
        assertThatThrownBy(() -> small.read("big.json", new byte[2048]))
                .hasMessage("big.json: document is 2048 bytes, larger than the limit of 1024 bytes");
    }

    @Test
    void duplicateKeysAreRefusedBecauseReadersCouldDisagree() {
        assertThatThrownBy(() -> readers.read("dup.json", utf8("{\"bomFormat\": \"CycloneDX\", \"bomFormat\": \"x\"}")))
                .hasMessageContaining("dup.json: line 1")
                .hasMessageContaining("Duplicate field 'bomFormat'");
    }

    @Test
    void emptyAndUnknownDocumentsSayWhatWasExpected() {
        assertThatThrownBy(() -> readers.read("empty.json", new byte[0]))
                .hasMessage("empty.json: expected an evidence document, found an empty file");
        assertThatThrownBy(() -> readers.read("other.json", utf8("{\"hello\": 1}")))
                .hasMessageStartingWith("other.json: at the document root: expected a supported evidence document (cyclonedx, spdx,")
                .hasMessageEndingWith("found an object with fields \"hello\"");
        assertThatThrownBy(() -> readers.read("other.xml", utf8("<html/>")))
                .hasMessageContaining("other.xml: line 1, column 8: expected the root element of a supported report");
        assertThatThrownBy(() -> readers.readAs("nope", "x.json", utf8("{}")))
                .hasMessageStartingWith("x.json: unknown evidence type 'nope'; expected one of cyclonedx, spdx,");
    }

    @Test
    void malformedXmlNamesTheLine() {
        assertThatThrownBy(() -> readers.read("broken.xml", utf8("<coverage>\n<packages>\n</coverage>")))
                .isInstanceOf(EvidenceFormatException.class)
                .hasMessageStartingWith("broken.xml: line 3, column ")
                .hasMessageContaining("expected well-formed XML");
    }
}
