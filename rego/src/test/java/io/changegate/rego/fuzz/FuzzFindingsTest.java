package io.changegate.rego.fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.changegate.rego.builtins.Builtin;
import io.changegate.rego.builtins.BuiltinContext;
import io.changegate.rego.builtins.BuiltinException;
import io.changegate.rego.builtins.BuiltinRegistry;
import io.changegate.rego.conformance.YamlException;
import io.changegate.rego.conformance.YamlValues;
import io.changegate.rego.value.Json;
import io.changegate.rego.value.JsonException;
import io.changegate.rego.value.StringValue;
import io.changegate.rego.value.Value;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.ThrowingSupplier;

/**
 * Inputs the fuzz campaigns found that made a reader throw something it does not document,
 * reduced to their essence; each reader must now refuse them cleanly. A disabled test is a
 * finding reported to the reader's owner and not fixed yet.
 */
class FuzzFindingsTest {
    private static final Duration BOUND = Duration.ofSeconds(20);
    private static final Builtin JSON_UNMARSHAL = BuiltinRegistry.standard().get("json.unmarshal");
    private static final Builtin YAML_UNMARSHAL = BuiltinRegistry.standard().get("yaml.unmarshal");

    private static Throwable thrownBy(ThrowingSupplier<?> read) {
        return assertTimeoutPreemptively(BOUND, () -> {
            try {
                read.get();
                return null;
            } catch (Throwable t) {
                return t;
            }
        });
    }

    private static <T> T bounded(ThrowingSupplier<T> read) {
        return assertTimeoutPreemptively(BOUND, read);
    }

    private static Value call(Builtin b, String arg) throws BuiltinException {
        return b.call(new Context(), new Value[] {StringValue.of(arg)});
    }

    @Test
    void jsonWithAnExponentBeyondAnIntIsRefusedAtTheNumber() {
        for (String doc : new String[] {"[1e4234567890]", "[1e400567856789234]", "[1e-2147483649]"}) {
            Throwable t = thrownBy(() -> Json.parse(doc));
            assertThat(t).as(doc).isInstanceOf(JsonException.class).hasMessageContaining("number out of range");
            assertThat(((JsonException) t).column()).as(doc).isEqualTo(2);
        }
    }

    @Test
    void jsonWithTheLargestExponentsAnIntHoldsIsReadAndWrittenBack() {
        assertThat(Json.write(Json.parse("[1e400, 1e2147483647, 1.5e2147483647, -1e-2147483647]")))
                .isEqualTo("[1.0e+400,1.0e+2147483647,1.5e+2147483647,-1.0e-2147483647]");
    }

    @Test
    void jsonUnmarshalWithAnExponentBeyondAnIntIsABuiltinError() {
        for (String doc : new String[] {"[1e4234567890]", "{\"c\":[3.1e99999914159]}"}) {
            assertThat(thrownBy(() -> call(JSON_UNMARSHAL, doc))).as(doc)
                    .isInstanceOf(BuiltinException.class)
                    .hasMessageContaining("json.unmarshal");
        }
    }

    /**
     * snakeyaml-engine reads 1,024 characters at a time and fails when the character at index
     * 1,024 is a high surrogate, even one of a valid pair: valid YAML with an emoji there crashes.
     * Giving the loader a buffer longer than the text ({@code setBufferSize(text.length() + 1)})
     * avoids it.
     */
    @Test
    void validYamlWithAnEmojiAtTheReadBufferBoundaryIsRead() throws BuiltinException {
        String doc = "x: " + "a".repeat(1021) + "\ud83d\ude00";
        assertThat(bounded(() -> call(YAML_UNMARSHAL, doc))).isNotNull();
        assertThat(bounded(() -> YamlValues.parse("x.yaml", doc))).isNotNull();
    }

    /** The same boundary with a lone high surrogate, which must be refused, not crash. */
    @Test
    void yamlUnmarshalOfALoneSurrogateAtTheReadBufferBoundaryIsABuiltinError() {
        String doc = "a".repeat(1024) + "\ud800";
        assertThat(thrownBy(() -> call(YAML_UNMARSHAL, doc))).isInstanceOf(BuiltinException.class);
    }

    @Test
    void caseFileYamlWithALoneSurrogateAtTheReadBufferBoundaryIsAYamlException() {
        String doc = "a".repeat(1024) + "\ud800";
        assertThat(thrownBy(() -> YamlValues.parse("x.yaml", doc))).isInstanceOf(YamlException.class);
    }

    /**
     * The nesting pre-scan skips what it takes for comments and quoted scalars, but a '#' that
     * follows no blank and a quote inside a plain scalar start neither; deep flow nesting after
     * them still overflows the YAML parser's stack.
     */
    @Test
    void yamlNestingHiddenBehindWhatLooksLikeACommentOrAQuoteIsStillRefused() {
        String deep = "[".repeat(20_000) + "1" + "]".repeat(20_000);
        for (String doc : new String[] {"[a#b, " + deep + "]\n", "- a 'b\n- " + deep + "\n"}) {
            assertThat(thrownBy(() -> call(YAML_UNMARSHAL, doc))).as(doc.substring(0, 12))
                    .isInstanceOf(BuiltinException.class);
            assertThat(thrownBy(() -> YamlValues.parse("x.yaml", doc))).as(doc.substring(0, 12))
                    .isInstanceOf(YamlException.class);
        }
    }

    @Test
    void yamlEndingInAnEscapeWithoutDigitsIsRefusedByBothReaders() {
        for (String doc : new String[] {"\"\\u", "\"\\x", "k: \"abc\\u"}) {
            assertThat(thrownBy(() -> call(YAML_UNMARSHAL, doc))).as(doc).isInstanceOf(BuiltinException.class);
            assertThat(thrownBy(() -> YamlValues.parse("x.yaml", doc))).as(doc).isInstanceOf(YamlException.class);
        }
    }

    @Test
    void yamlUnmarshalOfANumberWithAnExponentBeyondAnIntIsABuiltinError() {
        for (String doc : new String[] {"1e9999999999", "x: 1.5e-9999999999"}) {
            assertThat(thrownBy(() -> call(YAML_UNMARSHAL, doc))).as(doc).isInstanceOf(BuiltinException.class);
        }
    }

    @Test
    void caseFileYamlRefusesANumberWithAnExponentBeyondAnIntNamingIt() {
        assertThat(thrownBy(() -> YamlValues.parse("x.yaml", "x: 1e9999999999")))
                .isInstanceOf(YamlException.class)
                .hasMessageContaining("x.yaml:1:4")
                .hasMessageContaining("1e9999999999");
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
