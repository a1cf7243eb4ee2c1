package io.changegate.rego;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.changegate.rego.value.Json;
import io.changegate.rego.value.NumberValue;
import org.junit.jupiter.api.Test;

class CompiledModulesTest {
    private static final String POLICY = """
            package p

            double(x) := x * 2

            allow if input.user == "admin"
            """;

    @Test
    void manyQueriesArePreparedAgainstModulesCompiledOnce() throws Exception {
        CompiledModules compiled = Rego.builder().module("p.rego", POLICY).compile();
        assertThat(compiled.prepare("data.p.double(21)").evalValue(null)).isEqualTo(NumberValue.of(42));
        assertThat(compiled.prepare("data.p.allow").evalValue(Json.parse("{\"user\": \"admin\"}")))
                .isEqualTo(io.changegate.rego.value.BooleanValue.TRUE);
    }

    @Test
    void aQueryThatDoesNotCompileLeavesTheModulesUsableForTheNext() throws Exception {
        CompiledModules compiled = Rego.builder().module("p.rego", POLICY).compile();
        assertThatThrownBy(() -> compiled.prepare("x > 1"))
                .isInstanceOf(RegoException.class)
                .hasMessageContaining("rego_unsafe_var_error: var x is unsafe");
        assertThatThrownBy(() -> compiled.prepare("data.p.double(")).isInstanceOf(RegoException.class)
                .extracting(e -> ((RegoException) e).code()).isEqualTo("rego_parse_error");
        assertThat(compiled.prepare("data.p.double(2)").evalValue(null)).isEqualTo(NumberValue.of(4));
    }

    @Test
    void compilingReportsTheModulesErrorsAsPrepareDoes() {
        Rego.Builder b = Rego.builder().module("bad.rego", "package p\n\nq if y > 1\n");
        assertThatThrownBy(b::compile).isInstanceOf(RegoException.class)
                .hasMessage("bad.rego:3: rego_unsafe_var_error: var y is unsafe");
    }
}
