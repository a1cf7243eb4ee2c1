package io.changegate.rego.builtins;

import static io.changegate.rego.builtins.Calls.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class StringBuiltinsTest {
    @Test
    void sprintfFollowsGoVerbsFlagsAndErrorNotation() throws Exception {
        assertThat(json("sprintf", "\"%d %s\"", "[1, \"a\"]")).isEqualTo("\"1 a\"");
        assertThat(json("sprintf", "\"%5s|%-5s|\"", "[\"a\", \"b\"]")).isEqualTo("\"    a|b    |\"");
        assertThat(json("sprintf", "\"%.2f\"", "[3.14159]")).isEqualTo("\"3.14\"");
        assertThat(json("sprintf", "\"%e\"", "[12345.678]")).isEqualTo("\"1.234568e+04\"");
        assertThat(json("sprintf", "\"%x %o %b\"", "[255, 8, 5]")).isEqualTo("\"ff 10 101\"");
        assertThat(json("sprintf", "\"%d\"", "[\"x\"]")).isEqualTo("\"%!d(string=x)\"");
        assertThat(json("sprintf", "\"%d\"", "[1.5]")).isEqualTo("\"%!d(float64=1.5)\"");
        assertThat(json("sprintf", "\"%v %v\"", "[1]")).isEqualTo("\"1 %!v(MISSING)\"");
        assertThat(json("sprintf", "\"%s\"", "[123456789123456789123]")).isEqualTo("\"123456789123456789123\"");
        assertThat(json("sprintf", "\"%v\"", "[[1, {\"a\": 2}]]")).isEqualTo("\"[1, {\\\"a\\\": 2}]\"");
    }

    @Test
    void caseMappingIsGoPerCodePointMapping() throws Exception {
        assertThat(json("lower", "\"ΣΑΣ\"")).isEqualTo("\"σασ\"");
        assertThat(json("upper", "\"straße\"")).isEqualTo("\"STRAßE\"");
    }

    @Test
    void positionsCountCodePoints() throws Exception {
        assertThat(json("indexof", "\"🍧🍨x\"", "\"x\"")).isEqualTo("2");
        assertThat(json("substring", "\"🍧🍨🧁\"", "1", "1")).isEqualTo("\"🍨\"");
        assertThat(json("count", "\"🍧🍨x\"")).isEqualTo("3");
        assertThat(json("strings.reverse", "\"🍧🍨x\"")).isEqualTo("\"x🍨🍧\"");
        assertThatThrownBy(() -> json("substring", "\"hello\"", "-1", "2")).hasMessage("substring: negative offset");
    }

    @Test
    void emptySeparatorsAndPatternsSplitIntoCharacters() throws Exception {
        assertThat(json("split", "\"\"", "\",\"")).isEqualTo("[\"\"]");
        assertThat(json("replace", "\"hello\"", "\"\"", "\"-\"")).isEqualTo("\"-h-e-l-l-o-\"");
        assertThat(json("strings.count", "\"five\"", "\"\"")).isEqualTo("5");
        assertThat(json("strings.replace_n", "{\"\": \"x\"}", "\"ab\"")).isEqualTo("\"xaxbx\"");
    }

    @Test
    void trimmingUsesGoWhiteSpaceAndCutsets() throws Exception {
        assertThat(json("trim_space", "\"\\u00a0hi\\u00a0\"")).isEqualTo("\"hi\"");
        assertThat(json("trim", "\"abchiabc\"", "\"cba\"")).isEqualTo("\"hi\"");
        assertThat(json("trim_right", "\"abbaa\"", "\"a\"")).isEqualTo("\"abb\"");
    }

    @Test
    void formatIntTruncatesAndRejectsOtherBases() throws Exception {
        assertThat(json("format_int", "-255", "8")).isEqualTo("\"-377\"");
        assertThat(json("format_int", "255.9", "16")).isEqualTo("\"ff\"");
        assertThatThrownBy(() -> json("format_int", "10", "3")).hasMessage("format_int: operand 2 must be one of {2, 8, 10, 16}");
    }

    @Test
    void templatesRenderFieldsAndRangesAndReportMissingKeys() throws Exception {
        assertThat(json("strings.render_template", "\"{{range .xs}}[{{.}}]{{end}}\"", "{\"xs\": [1, 2, 3]}")).isEqualTo("\"[1][2][3]\"");
        assertThatThrownBy(() -> json("strings.render_template", "\"{{.missing}}\"", "{}"))
                .hasMessage("strings.render_template: template: template:1:2: executing \"template\" at <.missing>: map has no entry for key \"missing\"");
    }
}
