package io.changegate.rego.builtins;

import static io.changegate.rego.builtins.Calls.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RegexBuiltinsTest {
    @Test
    void successiveMatchesFollowGoRulesForEmptyMatches() throws Exception {
        assertThat(json("regex.find_n", "\"\"", "\"abc\"", "-1")).isEqualTo("[\"\",\"\",\"\",\"\"]");
        assertThat(json("regex.split", "\"\"", "\"abc\"")).isEqualTo("[\"a\",\"b\",\"c\"]");
        assertThat(json("regex.replace", "\"abc\"", "\"\"", "\"-\"")).isEqualTo("\"-a-b-c-\"");
    }

    @Test
    void replacementsExpandGroupsAsGoDoes() throws Exception {
        assertThat(json("regex.replace", "\"Hello World\"", "\"(\\\\w+) (\\\\w+)\"", "\"$2 $1\"")).isEqualTo("\"World Hello\"");
        assertThat(json("regex.replace", "\"abc\"", "\"(b)\"", "\"$1x\"")).isEqualTo("\"ac\"");
    }

    @Test
    void badPatternsReportRe2Errors() {
        assertThatThrownBy(() -> json("regex.match", "\"[\"", "\"x\""))
                .hasMessage("regex.match: error parsing regexp: missing closing ]: `[`");
    }

    @Test
    void catastrophicPatternsRunInLinearTime() throws Exception {
        String input = "\"" + "a".repeat(5000) + "!\"";
        // A backtracking engine would not return from this in any useful time.
        assertThat(json("regex.match", "\"^(a+)+$\"", input)).isEqualTo("false");
    }

    @Test
    void globsHonourDelimiters() throws Exception {
        assertThat(json("glob.match", "\"*.github.com\"", "[\".\"]", "\"api.cdn.github.com\"")).isEqualTo("false");
        assertThat(json("glob.match", "\"**.github.com\"", "[\".\"]", "\"api.cdn.github.com\"")).isEqualTo("true");
        assertThat(json("glob.match", "\"*hub.com\"", "null", "\"api.cdn.github.com\"")).isEqualTo("true");
        assertThat(json("glob.match", "\"{a,b}.x\"", "[]", "\"b.x\"")).isEqualTo("true");
        assertThatThrownBy(() -> json("glob.match", "\"[\"", "[]", "\"a\"")).hasMessage("glob.match: unexpected end of input");
    }

    @Test
    void templateMatchQuotesLiteralsAndAnchors() throws Exception {
        assertThat(json("regex.template_match", "\"urn:foo.bar.com:{.*}\"", "\"urn:foo.bar.com:bar:baz\"", "\"{\"", "\"}\"")).isEqualTo("true");
        assertThat(json("regex.globs_match", "\"a.a.[0-9]+z\"", "\".b.b2359825792*594823z\"")).isEqualTo("true");
        assertThat(json("regex.globs_match", "\"[a-c]\"", "\"[d-f]\"")).isEqualTo("false");
    }
}
