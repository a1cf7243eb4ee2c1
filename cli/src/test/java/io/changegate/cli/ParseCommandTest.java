package io.changegate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParseCommandTest {
    private static final String POLICY = """
            package example

            # admins only
            allow if not input.blocked
            """;

    @Test
    void jsonIsOpasAstWithTermsTypedAndCommentsBase64(@TempDir Path dir) throws Exception {
        Path p = dir.resolve("p.rego");
        Files.writeString(p, POLICY);
        Cli r = Cli.run("parse", "--format", "json", p.toString());
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).isEqualTo("""
                {
                  "package": {
                    "path": [
                      {
                        "type": "var",
                        "value": "data"
                      },
                      {
                        "type": "string",
                        "value": "example"
                      }
                    ]
                  },
                  "rules": [
                    {
                      "body": [
                        {
                          "index": 0,
                          "negated": true,
                          "terms": {
                            "type": "ref",
                            "value": [
                              {
                                "type": "var",
                                "value": "input"
                              },
                              {
                                "type": "string",
                                "value": "blocked"
                              }
                            ]
                          }
                        }
                      ],
                      "head": {
                        "name": "allow",
                        "value": {
                          "type": "boolean",
                          "value": true
                        },
                        "ref": [
                          {
                            "type": "var",
                            "value": "allow"
                          }
                        ]
                      }
                    }
                  ],
                  "comments": [
                    {
                      "Text": "IGFkbWlucyBvbmx5"
                    }
                  ]
                }
                """);
    }

    @Test
    void prettyPrintsOneNodePerLineIndentedByDepth(@TempDir Path dir) throws Exception {
        Path p = dir.resolve("p.rego");
        Files.writeString(p, POLICY);
        Cli r = Cli.run("parse", p.toString());
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).isEqualTo("""
                module
                 package
                  ref
                   data
                   "example"
                 rule
                  head
                   ref
                    allow
                   true
                  body
                   expr negated index=0
                    ref
                     input
                     "blocked"
                """);
    }

    @Test
    void aSyntaxErrorIsExitOneWithOpasJsonErrorsOnStderr(@TempDir Path dir) throws Exception {
        Path p = dir.resolve("bad.rego");
        Files.writeString(p, "package p\n\nallow if {\n");
        Cli r = Cli.run("parse", "--format", "json", p.toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains("\"code\": \"rego_parse_error\"").contains("\"row\": 4");
        assertThat(r.hasNoStackTrace()).isTrue();
    }

    @Test
    void aMissingFileIsNamedWithoutAStackTrace(@TempDir Path dir) {
        Cli r = Cli.run("parse", dir.resolve("nope.rego").toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("changegate: no such file or directory: " + dir.resolve("nope.rego") + "\n");
        assertThat(Cli.run("parse").exitCode()).isEqualTo(2);
    }
}
