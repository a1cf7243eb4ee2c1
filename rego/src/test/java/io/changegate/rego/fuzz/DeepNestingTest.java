package io.changegate.rego.fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.changegate.rego.RegoException;
import io.changegate.rego.ast.RegoVersion;
import io.changegate.rego.builtins.Builtin;
import io.changegate.rego.builtins.BuiltinContext;
import io.changegate.rego.builtins.BuiltinException;
import io.changegate.rego.builtins.BuiltinRegistry;
import io.changegate.rego.conformance.YamlException;
import io.changegate.rego.conformance.YamlValues;
import io.changegate.rego.parser.Parser;
import io.changegate.rego.value.Json;
import io.changegate.rego.value.JsonException;
import io.changegate.rego.value.StringValue;
import io.changegate.rego.value.Value;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.ThrowingSupplier;

/**
 * Input nested 100,000 levels deep is refused with a clear depth-limit error by every reader,
 * without overflowing the stack, on a thread with the JVM's default stack size.
 */
class DeepNestingTest {
    private static final int DEPTH = 100_000;
    private static final Duration BOUND = Duration.ofSeconds(20);

    private static String nest(String open, String inner, String close) {
        return open.repeat(DEPTH) + inner + close.repeat(DEPTH);
    }

    private static <T> T bounded(ThrowingSupplier<T> read) {
        return assertTimeoutPreemptively(BOUND, read);
    }

    private static Throwable thrownBy(ThrowingSupplier<?> read) {
        return bounded(() -> {
            try {
                read.get();
                return null;
            } catch (Throwable t) {
                return t;
            }
        });
    }

    @Test
    void aQueryOfDeeplyNestedArraysIsAParseErrorAboutDepth() {
        assertThat(thrownBy(() -> Parser.parseQuery(nest("[", "1", "]"))))
                .isInstanceOf(RegoException.class)
                .hasMessageContaining("rego_parse_error")
                .hasMessageContaining("max parsing recursion depth exceeded");
    }

    @Test
    void aModuleOfDeeplyNestedParenthesesIsAParseErrorAboutDepth() {
        String module = "package p\n\nx := " + nest("(", "1", ")") + "\n";
        assertThat(thrownBy(() -> Parser.parseModule("deep.rego", module, RegoVersion.V1)))
                .isInstanceOf(RegoException.class)
                .hasMessageContaining("deep.rego:")
                .hasMessageContaining("max parsing recursion depth exceeded");
    }

    @Test
    void aModuleOfDeeplyNestedObjectsAndSetsIsAParseErrorAboutDepth() {
        String objects = "package p\n\nx := " + nest("{\"a\": ", "1", "}") + "\n";
        String sets = "package p\n\nx := " + nest("{", "1", "}") + "\n";
        for (String module : new String[] {objects, sets}) {
            assertThat(thrownBy(() -> Parser.parseModule("deep.rego", module, RegoVersion.V1)))
                    .isInstanceOf(RegoException.class)
                    .hasMessageContaining("max parsing recursion depth exceeded");
        }
    }

    @Test
    void unclosedNestingIsAParseErrorToo() {
        assertThat(thrownBy(() -> Parser.parseQuery("[".repeat(DEPTH))))
                .isInstanceOf(RegoException.class)
                .hasMessageContaining("rego_parse_error");
        assertThat(thrownBy(() -> Parser.parseValue("[".repeat(DEPTH))))
                .isInstanceOf(RegoException.class)
                .hasMessageContaining("rego_parse_error");
    }

    @Test
    void jsonNestedPastTheLimitIsRefusedWithItsPosition() {
        for (String doc : new String[] {nest("[", "1", "]"), nest("{\"a\":", "1", "}"), "[".repeat(DEPTH)}) {
            Throwable t = thrownBy(() -> Json.parse(doc));
            assertThat(t).isInstanceOf(JsonException.class)
                    .hasMessageContaining("line 1, column ")
                    .hasMessageContaining("nested deeper than " + Json.MAX_DEPTH + " levels");
        }
        JsonException arrays = (JsonException) thrownBy(() -> Json.parse(nest("[", "1", "]")));
        assertThat(arrays.column()).as("the column of the first bracket past the limit").isEqualTo(Json.MAX_DEPTH + 1);
    }

    @Test
    void jsonNestedExactlyToTheLimitIsRead() {
        String doc = "[".repeat(Json.MAX_DEPTH) + "]".repeat(Json.MAX_DEPTH);
        assertThat(bounded(() -> Json.parse(doc))).isNotNull();
    }

    @Test
    void jsonUnmarshalOfDeeplyNestedInputIsABuiltinError() {
        Builtin unmarshal = BuiltinRegistry.standard().get("json.unmarshal");
        for (String doc : new String[] {nest("[", "1", "]"), nest("{\"a\":", "1", "}")}) {
            assertThat(thrownBy(() -> unmarshal.call(new Context(), new Value[] {StringValue.of(doc)})))
                    .isInstanceOf(BuiltinException.class)
                    .hasMessageContaining("json.unmarshal")
                    .hasMessageContaining("max depth");
        }
    }

    @Test
    void yamlUnmarshalOfDeeplyNestedFlowCollectionsIsABuiltinError() {
        Builtin unmarshal = BuiltinRegistry.standard().get("yaml.unmarshal");
        for (String doc : new String[] {nest("[", "1", "]"), nest("{a: ", "1", "}")}) {
            assertThat(thrownBy(() -> unmarshal.call(new Context(), new Value[] {StringValue.of(doc)})))
                    .isInstanceOf(BuiltinException.class)
                    .hasMessageContaining("yaml.unmarshal");
        }
    }

    @Test
    void yamlUnmarshalOfDeeplyNestedBlockCollectionsIsABuiltinError() {
        StringBuilder doc = new StringBuilder();
        for (int i = 0; i < 5_000; i++) {
            doc.append(" ".repeat(i)).append("- ").append('\n');
        }
        Builtin unmarshal = BuiltinRegistry.standard().get("yaml.unmarshal");
        Throwable t = thrownBy(() -> unmarshal.call(new Context(), new Value[] {StringValue.of(doc.toString())}));
        assertThat(t).isInstanceOf(BuiltinException.class).hasMessageContaining("yaml.unmarshal");
    }

    @Test
    void caseFileYamlNestedPastTheLimitIsRefusedNamingTheFile() {
        for (String doc : new String[] {nest("[", "1", "]"), nest("{a: ", "1", "}")}) {
            assertThat(thrownBy(() -> YamlValues.parse("deep.yaml", doc)))
                    .isInstanceOf(YamlException.class)
                    .hasMessageContaining("deep.yaml");
        }
    }

    @Test
    void regoNestedAThousandLevelsDeepStillParses() {
        String value = "[".repeat(1000) + "1" + "]".repeat(1000);
        assertThat(bounded(() -> Parser.parseValue(value))).isNotNull();
    }

    /** A non-strict builtin context with a fixed clock. */
    private static final class Context implements BuiltinContext {
        private final Map<Object, Object> cache = new HashMap<>();

        @Override
        public boolean strictBuiltinErrors() {
            return false;
        }

        @Override
        public long nowNanos() {
            return 0;
        }

        @Override
        public void print(String line) {
        }

        @Override
        public Map<Object, Object> evalCache() {
            return cache;
        }
    }
}
