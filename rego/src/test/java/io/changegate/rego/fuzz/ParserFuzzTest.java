package io.changegate.rego.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import io.changegate.rego.RegoException;
import io.changegate.rego.ast.RegoVersion;
import io.changegate.rego.parser.Parser;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.lifecycle.AddLifecycleHook;

/**
 * The Rego parser, given broken, odd and random source, either parses it or rejects it with a
 * {@link RegoException}; it never throws anything else, overflows its stack or hangs.
 */
@AddLifecycleHook(FuzzCampaign.class)
class ParserFuzzTest {
    private static final List<Class<? extends Throwable>> DOCUMENTED = List.of(RegoException.class);

    @Property(tries = 2000)
    void modulesInRegoV1ParseOrFailWithARegoException(@ForAll("modules") String source) {
        String outcome = Outcomes.of("Parser.parseModule (v1)", source, DOCUMENTED,
                () -> Parser.parseModule("fuzz.rego", source, RegoVersion.V1));
        Statistics.collect(outcome);
    }

    @Property(tries = 1000)
    void modulesInRegoV0ParseOrFailWithARegoException(@ForAll("modules") String source) {
        String outcome = Outcomes.of("Parser.parseModule (v0)", source, DOCUMENTED,
                () -> Parser.parseModule("fuzz.rego", source, RegoVersion.V0));
        Statistics.collect(outcome);
    }

    @Property(tries = 2000)
    void queriesParseOrFailWithARegoException(@ForAll("queries") String source) {
        String outcome = Outcomes.of("Parser.parseQuery", source, DOCUMENTED, () -> Parser.parseQuery(source));
        Statistics.collect(outcome);
    }

    @Property(tries = 1000)
    void valuesParseOrFailWithARegoException(@ForAll("values") String source) {
        String outcome = Outcomes.of("Parser.parseValue", source, DOCUMENTED, () -> Parser.parseValue(source));
        Statistics.collect(outcome);
    }

    @Example
    void theSeedsIncludeTheCorporaWhenPresent() {
        Seeds seeds = Seeds.get();
        if (Seeds.shared() != null) {
            assertThat(seeds.rego()).as(seeds.origin()).hasSizeGreaterThan(100);
            assertThat(seeds.yaml()).as(seeds.origin()).hasSizeGreaterThan(100);
        } else {
            assertThat(seeds.rego()).as(seeds.origin()).isNotEmpty();
        }
        System.out.println("fuzz seeds: " + seeds.origin());
    }

    @Provide
    Arbitrary<String> modules() {
        Seeds s = Seeds.get();
        return Inputs.derivedFrom(s.rego(), concat(s.rego(), s.queries()), Inputs.DEEP_BURST);
    }

    @Provide
    Arbitrary<String> queries() {
        Seeds s = Seeds.get();
        return Inputs.derivedFrom(s.queries(), concat(s.queries(), s.rego()), Inputs.DEEP_BURST);
    }

    @Provide
    Arbitrary<String> values() {
        Seeds s = Seeds.get();
        return Inputs.derivedFrom(s.json(), concat(s.json(), s.queries()), Inputs.DEEP_BURST);
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
