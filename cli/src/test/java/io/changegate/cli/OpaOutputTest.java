package io.changegate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.changegate.rego.ExpressionValue;
import io.changegate.rego.QueryResult;
import io.changegate.rego.RegoError;
import io.changegate.rego.ast.Location;
import io.changegate.rego.value.BooleanValue;
import io.changegate.rego.value.Json;
import io.changegate.rego.value.NumberValue;
import io.changegate.rego.value.ObjectValue;
import io.changegate.rego.value.SetValue;
import io.changegate.rego.value.StringValue;
import io.changegate.rego.value.Value;
import java.util.List;
import org.junit.jupiter.api.Test;

class OpaOutputTest {

    private static QueryResult result(Value value, String text, ObjectValue bindings) {
        return new QueryResult(List.of(new ExpressionValue(value, text, new Location("", 1, 1))), bindings);
    }

    @Test
    void jsonFormatIsShapedAndIndentedAsOpaEvalPrintsIt() {
        Value v = Json.parse("{\"reasons\": [\"a<b\"], \"allowed\": false, \"n\": {}}");
        String out = OpaOutput.json(List.of(result(v, "data.k8s.response", ObjectValue.EMPTY)));
        assertThat(out).isEqualTo("""
                {
                  "result": [
                    {
                      "expressions": [
                        {
                          "value": {
                            "allowed": false,
                            "n": {},
                            "reasons": [
                              "a\\u003cb"
                            ]
                          },
                          "text": "data.k8s.response",
                          "location": {
                            "row": 1,
                            "col": 1
                          }
                        }
                      ]
                    }
                  ]
                }
                """);
    }

    @Test
    void jsonFormatShowsBindingsOnlyWhenThereAreSome() {
        ObjectValue bindings = ObjectValue.builder().put("x", SetValue.of(NumberValue.of(2), NumberValue.of(1))).build();
        String out = OpaOutput.json(List.of(result(BooleanValue.TRUE, "x = data.p", bindings)));
        assertThat(out).contains("""
                      ],
                      "bindings": {
                        "x": [
                          1,
                          2
                        ]
                      }
                    }
                  ]
                }
                """);
    }

    @Test
    void anUndefinedQueryPrintsAnEmptyObjectInJsonAndUndefinedInPretty() {
        assertThat(OpaOutput.json(List.of())).isEqualTo("{}\n");
        assertThat(OpaOutput.pretty(List.of())).isEqualTo("undefined\n");
        assertThat(OpaOutput.raw(List.of())).isEmpty();
    }

    @Test
    void prettyPrintsASingleValueAsIndentedJson() {
        assertThat(OpaOutput.pretty(List.of(result(Json.parse("[1, {\"a\": true}]"), "data.p", ObjectValue.EMPTY))))
                .isEqualTo("[\n  1,\n  {\n    \"a\": true\n  }\n]\n");
    }

    @Test
    void prettyPrintsBindingsAsATable() {
        ObjectValue b1 = ObjectValue.builder().put("x", NumberValue.of(1)).build();
        ObjectValue b2 = ObjectValue.builder().put("x", StringValue.of("long value")).build();
        String out = OpaOutput.pretty(List.of(result(BooleanValue.TRUE, "x = data.p[_]", b1),
                result(BooleanValue.TRUE, "x = data.p[_]", b2)));
        assertThat(out).isEqualTo("""
                +--------------+
                |      x       |
                +--------------+
                | 1            |
                | "long value" |
                +--------------+
                """);
    }

    @Test
    void rawPrintsStringsUnquotedAndOtherValuesAsCompactJson() {
        QueryResult two = new QueryResult(List.of(
                new ExpressionValue(StringValue.of("hello world"), "a", new Location("", 1, 1)),
                new ExpressionValue(Json.parse("{\"b\": [1, 2], \"a\": \"<\"}"), "b", new Location("", 1, 5))),
                ObjectValue.EMPTY);
        assertThat(OpaOutput.raw(List.of(two))).isEqualTo("hello world {\"a\":\"\\u003c\",\"b\":[1,2]}\n");
    }

    @Test
    void errorsAsJsonHaveOpasShape() {
        String out = OpaOutput.errorsJson(List.of(
                new RegoError("rego_parse_error", "unexpected eof token", new Location("p.rego", 3, 7))));
        assertThat(out).isEqualTo("""
                {
                  "errors": [
                    {
                      "message": "unexpected eof token",
                      "code": "rego_parse_error",
                      "location": {
                        "file": "p.rego",
                        "row": 3,
                        "col": 7
                      }
                    }
                  ]
                }
                """);
    }

    @Test
    void errorsAsTextNameFileLineAndColumn() {
        assertThat(OpaOutput.errorsText(List.of(
                new RegoError("rego_parse_error", "unexpected eof token", new Location("p.rego", 3, 7)))))
                .isEqualTo("p.rego:3:7: rego_parse_error: unexpected eof token\n");
        assertThat(OpaOutput.errorsText(List.of(
                new RegoError("rego_unsafe_var_error", "var x is unsafe", new Location("", 1, 1)),
                new RegoError("eval_conflict_error", "complete rules must not produce multiple outputs", null))))
                .isEqualTo("2 errors occurred:\n1:1: rego_unsafe_var_error: var x is unsafe\n"
                        + "eval_conflict_error: complete rules must not produce multiple outputs\n");
    }
}
