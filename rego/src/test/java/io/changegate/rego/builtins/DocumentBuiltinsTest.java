package io.changegate.rego.builtins;

import static io.changegate.rego.builtins.Calls.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DocumentBuiltinsTest {
    private static final String SCHEMA = "\"type Query { hero(id: ID!): Character } type Character { id: ID! name: String }\"";

    @Test
    void graphqlQueriesValidateAgainstSchemas() throws Exception {
        assertThat(json("graphql.is_valid", "\"{ hero(id: \\\"1\\\") { name } }\"", SCHEMA)).isEqualTo("true");
        assertThat(json("graphql.is_valid", "\"{ hero { name } }\"", SCHEMA)).isEqualTo("false");
        assertThat(json("graphql.schema_is_valid", "\"type Query { a: Unknown }\"")).isEqualTo("false");
        assertThatThrownBy(() -> json("graphql.parse", "\"{ x }\"", "\"type Query { a: Int }\""))
                .hasMessage("graphql.parse: Cannot query field \"x\" on type \"Query\". Did you mean \"a\"?\n in GraphQL string at location 1:3");
        assertThatThrownBy(() -> json("graphql.parse_query", "\"{\""))
                .hasMessage("graphql.parse_query: Expected Name, found <EOF> in GraphQL string at location 1:2");
    }

    @Test
    void graphqlAstsArePrunedAsOpaReturnsThem() throws Exception {
        assertThat(json("graphql.parse_schema", "\"type Query { a: Int }\"")).isEqualTo(
                "{\"Definitions\":[{\"BuiltIn\":false,\"Description\":\"\",\"Fields\":[{\"Description\":\"\",\"Name\":\"a\","
                        + "\"Type\":{\"NamedType\":\"Int\",\"NonNull\":false}}],\"Kind\":\"OBJECT\",\"Name\":\"Query\"}]}");
    }

    @Test
    void jsonSchemaErrorsUseGojsonschemaKindsAndTexts() throws Exception {
        assertThat(json("json.match_schema", "{\"a\": \"x\"}", "{\"type\": \"object\", \"properties\": {\"a\": {\"type\": \"integer\"}}}"))
                .isEqualTo("[false,[{\"desc\":\"Invalid type. Expected: integer, given: string\",\"error\":\"a: Invalid type. Expected: integer, given: string\","
                        + "\"field\":\"a\",\"type\":\"invalid_type\"}]]");
        assertThat(json("json.match_schema", "\"{\\\"a\\\": 1}\"", "\"{\\\"type\\\": \\\"object\\\", \\\"required\\\": [\\\"b\\\"]}\""))
                .contains("\"error\":\"(Root): b is required\"");
        assertThat(json("json.verify_schema", "{\"type\": \"bogus\"}")).isEqualTo("[false,\"jsonschema: has a primitive type that is NOT VALID -- "
                + "given: /bogus/ Expected valid values are:[array boolean integer number null object string]\"]");
    }

    @Test
    void parseModuleReturnsOpasAstJson() throws Exception {
        assertThat(json("rego.parse_module", "\"x.rego\"", "\"package x\\np := 1\"")).isEqualTo(
                "{\"package\":{\"path\":[{\"type\":\"var\",\"value\":\"data\"},{\"type\":\"string\",\"value\":\"x\"}]},"
                        + "\"rules\":[{\"body\":[{\"index\":0,\"terms\":{\"type\":\"boolean\",\"value\":true}}],"
                        + "\"head\":{\"assign\":true,\"name\":\"p\",\"ref\":[{\"type\":\"var\",\"value\":\"p\"}],\"value\":{\"type\":\"number\",\"value\":1}}}]}");
        assertThatThrownBy(() -> json("rego.parse_module", "\"x.rego\"", "\"\"")).hasMessage("rego.parse_module: x.rego:0: rego_parse_error: empty module");
    }

    @Test
    void awsRequestsAreSignedWithSignatureVersion4() throws Exception {
        String signed = json("providers.aws.sign_req",
                "{\"method\": \"get\", \"url\": \"https://examplebucket.s3.amazonaws.com/test.txt\", \"headers\": {}}",
                "{\"aws_access_key\": \"AKIAIOSFODNN7EXAMPLE\", \"aws_secret_access_key\": \"wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\", "
                        + "\"aws_service\": \"s3\", \"aws_region\": \"us-east-1\"}",
                "1369353600000000000");
        assertThat(signed).contains("Signature=847b6cba0a80d8236820eb826c0629b1a35a56cb1ed6969d4303146a34c9ae19");
    }
}
