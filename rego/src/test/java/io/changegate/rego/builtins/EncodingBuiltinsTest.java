package io.changegate.rego.builtins;

import static io.changegate.rego.builtins.Calls.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EncodingBuiltinsTest {
    @Test
    void base64DecodingReportsTheOffendingByteAsGoDoes() {
        assertThatThrownBy(() -> json("base64.decode", "\"aGVsbG8\"")).hasMessage("base64.decode: illegal base64 data at input byte 4");
        assertThatThrownBy(() -> json("base64.decode", "\"!!!\"")).hasMessage("base64.decode: illegal base64 data at input byte 0");
    }

    @Test
    void base64urlAcceptsMissingPadding() throws Exception {
        assertThat(json("base64url.decode", "\"YQ\"")).isEqualTo("\"a\"");
        assertThat(json("base64url.encode_no_pad", "\"hello?>\"")).isEqualTo("\"aGVsbG8_Pg\"");
    }

    @Test
    void hexErrorsNameTheInvalidByte() {
        assertThatThrownBy(() -> json("hex.decode", "\"zz\"")).hasMessage("hex.decode: encoding/hex: invalid byte: U+007A 'z'");
        assertThatThrownBy(() -> json("hex.decode", "\"abc\"")).hasMessage("hex.decode: encoding/hex: odd length hex string");
    }

    @Test
    void jsonMarshalEscapesHtmlCharactersAndUnmarshalReportsGoErrors() throws Exception {
        assertThat(json("json.marshal", "\"é<>&\"")).isEqualTo("\"\\\"é\\\\u003c\\\\u003e\\\\u0026\\\"\"");
        assertThatThrownBy(() -> json("json.unmarshal", "\"{bad\""))
                .hasMessage("json.unmarshal: invalid character 'b' looking for beginning of object key string");
        assertThatThrownBy(() -> json("json.unmarshal", "\"\"")).hasMessage("json.unmarshal: EOF");
        assertThat(json("json.marshal_with_options", "{\"b\": 1, \"a\": [2]}", "{\"pretty\": true, \"indent\": \"\\t\", \"prefix\": \"> \"}"))
                .isEqualTo("\"> {\\n> \\t\\\"a\\\": [\\n> \\t\\t2\\n> \\t],\\n> \\t\\\"b\\\": 1\\n> }\"");
    }

    @Test
    void yamlReadsYaml11ScalarsAndWritesGoYamlStyle() throws Exception {
        assertThat(json("yaml.unmarshal", "\"on: off\\nk: 0x10\"")).isEqualTo("{\"k\":16,\"true\":false}");
        assertThat(json("yaml.unmarshal", "\"a: 1\\n---\\nb: 2\"")).isEqualTo("{\"a\":1}");
        assertThat(json("yaml.marshal", "{\"b\": 1, \"a\": [true, null]}")).isEqualTo("\"a:\\n- true\\n- null\\nb: 1\\n\"");
        assertThat(json("yaml.marshal", "\"yes\"")).isEqualTo("\"\\\"yes\\\"\\n\"");
        assertThat(json("yaml.marshal", "\"multi\\nline\"")).isEqualTo("\"|-\\n  multi\\n  line\\n\"");
    }

    @Test
    void urlQueriesEncodeAsGoDoes() throws Exception {
        assertThat(json("urlquery.encode", "\"é/?\"")).isEqualTo("\"%C3%A9%2F%3F\"");
        assertThat(json("urlquery.encode_object", "{\"a\": \"1\", \"b\": [\"2\", \"3\"]}")).isEqualTo("\"a=1&b=2&b=3\"");
        assertThat(json("urlquery.decode_object", "\"q=a+b&q=&r=%C3%A9\"")).isEqualTo("{\"q\":[\"a b\",\"\"],\"r\":[\"é\"]}");
        assertThatThrownBy(() -> json("urlquery.decode", "\"%zz\"")).hasMessage("urlquery.decode: invalid URL escape \"%zz\"");
    }

    @Test
    void jsonPatchAppliesRfc6902AndIsUndefinedOnFailure() throws Exception {
        assertThat(json("json.patch", "{\"a\": {\"b\": 1}}", "[{\"op\": \"move\", \"from\": \"/a/b\", \"path\": \"/c\"}]"))
                .isEqualTo("{\"a\":{},\"c\":1}");
        assertThat(json("json.patch", "[1, 2]", "[{\"op\": \"add\", \"path\": \"/-\", \"value\": 3}]")).isEqualTo("[1,2,3]");
        assertThat(json("json.patch", "{\"a\": 1}", "[{\"op\": \"test\", \"path\": \"/a\", \"value\": 2}]")).isEqualTo("undefined");
        assertThat(json("json.filter", "{\"a\": [1, 2, 3]}", "[\"a/1\"]")).isEqualTo("{\"a\":[2]}");
        assertThat(json("json.remove", "{\"a\": [1, 2, 3]}", "[\"a/1\"]")).isEqualTo("{\"a\":[1,3]}");
    }

    @Test
    void hostileDocumentsFailCleanly() {
        StringBuilder bomb = new StringBuilder("a: &a [x, x, x, x, x, x, x, x, x]\n");
        for (int i = 0; i < 9; i++) {
            bomb.append((char) ('b' + i)).append(": &").append((char) ('b' + i)).append(" [");
            for (int j = 0; j < 9; j++) {
                bomb.append(j > 0 ? ", " : "").append('*').append((char) ('a' + i));
            }
            bomb.append("]\n");
        }
        assertThatThrownBy(() -> Calls.call("yaml.unmarshal", io.changegate.rego.value.StringValue.of(bomb.toString())))
                .isInstanceOf(BuiltinException.class).hasMessageContaining("yaml.unmarshal");
        String deep = "[".repeat(100_000);
        assertThatThrownBy(() -> Calls.call("json.unmarshal", io.changegate.rego.value.StringValue.of(deep)))
                .isInstanceOf(BuiltinException.class);
    }
}
