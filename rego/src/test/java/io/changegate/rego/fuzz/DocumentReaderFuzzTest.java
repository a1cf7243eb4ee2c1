package io.changegate.rego.fuzz;

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
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.lifecycle.AddLifecycleHook;

/**
 * The JSON and YAML readers, given broken, odd and random documents, either read them or reject
 * them with their documented exception: {@link JsonException} from {@link Json}, a builtin error
 * from {@code json.unmarshal} and {@code yaml.unmarshal}, {@link YamlException} from the case-file
 * reader. Nothing else escapes, nothing overflows the stack, nothing hangs.
 */
@AddLifecycleHook(FuzzCampaign.class)
class DocumentReaderFuzzTest {
    private static final Builtin JSON_UNMARSHAL = BuiltinRegistry.standard().get("json.unmarshal");
    private static final Builtin YAML_UNMARSHAL = BuiltinRegistry.standard().get("yaml.unmarshal");

    @Property(tries = 2000)
    void jsonTextIsReadOrRejectedWithAJsonException(@ForAll("json") String text) {
        Statistics.collect(Outcomes.of("Json.parse", text, List.of(JsonException.class), () -> Json.parse(text)));
    }

    @Property(tries = 1000)
    void jsonBytesAreReadOrRejectedWithAJsonException(@ForAll("jsonBytes") byte[] bytes) {
        String shown = new String(bytes, StandardCharsets.ISO_8859_1);
        Statistics.collect(Outcomes.of("Json.parse(byte[]) (input shown as Latin-1)", shown,
                List.of(JsonException.class), () -> Json.parse(bytes)));
    }

    @Property(tries = 2000)
    void jsonUnmarshalReadsOrRaisesABuiltinError(@ForAll("jsonForUnmarshal") String text) {
        Statistics.collect(Outcomes.of("json.unmarshal", text, List.of(BuiltinException.class),
                () -> JSON_UNMARSHAL.call(new FuzzContext(), new Value[] {StringValue.of(text)})));
    }

    @Property(tries = 2000)
    void yamlUnmarshalReadsOrRaisesABuiltinError(@ForAll("yaml") String text) {
        Statistics.collect(Outcomes.of("yaml.unmarshal", text, List.of(BuiltinException.class),
                () -> YAML_UNMARSHAL.call(new FuzzContext(), new Value[] {StringValue.of(text)})));
    }

    @Property(tries = 1000)
    void caseFileYamlIsReadOrRejectedWithAYamlException(@ForAll("yaml") String text) {
        Statistics.collect(Outcomes.of("YamlValues.parse", text, List.of(YamlException.class),
                () -> YamlValues.parse("fuzz.yaml", text)));
    }

    @Provide
    Arbitrary<String> json() {
        Seeds s = Seeds.get();
        return Inputs.derivedFrom(s.json(), s.json(), Inputs.DEEP_BURST);
    }


    @Provide
    Arbitrary<String> jsonForUnmarshal() {
        return json();
    }

    @Provide
    Arbitrary<String> yaml() {
        Seeds s = Seeds.get();
        List<String> all = new ArrayList<>(s.yaml());
        all.addAll(s.json());
        return Inputs.derivedFrom(s.yaml(), all, Inputs.DEEP_BURST);
    }

    /** Mutated seeds with single bytes overwritten, so invalid UTF-8 reaches the reader. */
    @Provide
    Arbitrary<byte[]> jsonBytes() {
        return Combinators.combine(json(), Arbitraries.bytes().list().ofMaxSize(8), Arbitraries.integers().between(0, 1 << 20))
                .as((text, noise, at) -> {
                    byte[] b = text.getBytes(StandardCharsets.UTF_8);
                    for (int i = 0; i < noise.size() && b.length > 0; i++) {
                        b[(at + i * 7919) % b.length] = noise.get(i);
                    }
                    return b;
                });
    }

    /** A non-strict builtin context with a fixed clock; fuzzed builtins never print or go to the network. */
    private static final class FuzzContext implements BuiltinContext {
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
