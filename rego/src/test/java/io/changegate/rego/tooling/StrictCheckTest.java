package io.changegate.rego.tooling;

import static org.assertj.core.api.Assertions.assertThat;

import io.changegate.rego.RegoError;
import io.changegate.rego.ast.Module;
import io.changegate.rego.ast.RegoVersion;
import io.changegate.rego.builtins.BuiltinRegistry;
import io.changegate.rego.parser.Parser;
import java.util.List;
import org.junit.jupiter.api.Test;

class StrictCheckTest {
    private static List<String> before(String source) throws Exception {
        return render(StrictCheck.beforeCompile(List.of(Parser.parseModule("p.rego", source, RegoVersion.V1))));
    }

    private static List<String> render(List<RegoError> errors) {
        return errors.stream().map(RegoError::toString).toList();
    }

    @Test
    void unusedImportsAreReportedWithTheirImportText() throws Exception {
        assertThat(before("""
                package p

                import data.users
                import data.roles as r
                import input.request
                import rego.v1

                allow if users[input.name]
                """)).containsExactly(
                "p.rego:4: rego_compile_error: import data.roles as r unused",
                "p.rego:5: rego_compile_error: import input.request unused");
    }

    @Test
    void rulesAndAssignmentsMustNotShadowInputOrData() throws Exception {
        assertThat(before("""
                package p

                input := 1

                q if {
                	data := 2
                	data > 1
                }
                """)).containsExactly(
                "p.rego:3: rego_compile_error: rules must not shadow input (use a different rule name)",
                "p.rego:6: rego_compile_error: variables must not shadow data (use a different variable name)");
    }

    @Test
    void aDuplicateImportNamesTheImportItShadows() throws Exception {
        assertThat(before("""
                package p

                import data.a.foo
                import data.b.foo

                q if foo
                """)).containsExactly("p.rego:4: rego_compile_error: import must not shadow import data.a.foo");
    }

    @Test
    void assignedVariablesMustBeUsedInTheirBodyNestedBodiesOrTheHead() throws Exception {
        assertThat(before("""
                package p

                q := y if {
                	x := 1
                	y := 2
                	z := 3
                	w := [v | v := z; u := 4]
                	count(w) > 0
                }

                r if {
                	every i in input.xs {
                		k := i
                	}
                }
                """)).containsExactly(
                "p.rego:4: rego_compile_error: assigned var x unused",
                "p.rego:7: rego_compile_error: assigned var u unused",
                "p.rego:13: rego_compile_error: assigned var k unused");
    }

    @Test
    void functionArgumentsMustBeUsedUnlessWildcards() throws Exception {
        assertThat(before("""
                package p

                f(a, b, _) := a

                g(x, [y, z]) if {
                	x > y
                }
                """)).containsExactly(
                "p.rego:3: rego_compile_error: unused argument b. (hint: use _ (wildcard variable) instead)",
                "p.rego:5: rego_compile_error: unused argument z. (hint: use _ (wildcard variable) instead)");
    }

    @Test
    void theFirstStageWithErrorsIsTheOneReported() throws Exception {
        // The unused import stage runs before the unused assignment stage and ends the check.
        assertThat(before("""
                package p

                import data.x

                q if {
                	y := 1
                }
                """)).containsExactly("p.rego:3: rego_compile_error: import data.x unused");
    }

    @Test
    void moreThanTenErrorsAreCutAtTheLimitAsOpaDoes() throws Exception {
        StringBuilder src = new StringBuilder("package p\n\n");
        for (int i = 0; i < 12; i++) {
            src.append("import data.m").append(i).append('\n');
        }
        List<String> errors = before(src.toString());
        assertThat(errors).hasSize(11);
        assertThat(errors.getFirst()).isEqualTo("p.rego:3: rego_compile_error: import data.m0 unused");
        assertThat(errors.getLast()).isEqualTo("rego_compile_error: error limit reached");
    }

    @Test
    void deprecatedBuiltinsAreTypeErrorsOnceTheModulesCompile() throws Exception {
        Module v0 = Parser.parseModule("old.rego", """
                package p

                q {
                	any([true, false])
                	x := cast_string("a")
                	x == "a"
                }
                """, RegoVersion.V0);
        assertThat(render(StrictCheck.afterCompile(List.of(v0), BuiltinRegistry.standard()))).containsExactly(
                "old.rego:4: rego_type_error: deprecated built-in function calls in expression: any",
                "old.rego:5: rego_type_error: deprecated built-in function calls in expression: cast_string");
    }

    @Test
    void aCleanModuleHasNoStrictErrors() throws Exception {
        assertThat(before("""
                package p

                import data.users

                allow if {
                	some u in users
                	name := u.name
                	startswith(name, "a")
                }

                f(x) := x * 2
                """)).isEmpty();
    }
}
