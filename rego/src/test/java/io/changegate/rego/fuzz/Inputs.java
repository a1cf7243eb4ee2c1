package io.changegate.rego.fuzz;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** The three kinds of fuzz input every reader gets: mutated seeds, token soup and random text. */
final class Inputs {
    private Inputs() {
    }

    /** Nesting bursts this deep cross every reader's depth limit (1,000 levels for most). */
    static final int DEEP_BURST = 3000;

    /**
     * Mostly mutated seeds, which reach deepest; some token soup and some random text.
     *
     * @param maxBurst the deepest nesting a single mutation inserts
     */
    static Arbitrary<String> derivedFrom(List<String> seeds, List<String> others, int maxBurst) {
        Arbitrary<String> mutated = Combinators.combine(Arbitraries.of(seeds), Arbitraries.longs())
                .as((seed, r) -> Mutator.mutate(seed, r, others, maxBurst));
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, mutated),
                net.jqwik.api.Tuple.of(2, tokenSoup()),
                net.jqwik.api.Tuple.of(1, randomText()),
                net.jqwik.api.Tuple.of(1, Arbitraries.of(seeds)));
    }

    /** Syntax fragments in random order: plausible enough to get past the lexer. */
    static Arbitrary<String> tokenSoup() {
        Arbitrary<String> word = Arbitraries.oneOf(
                Arbitraries.of(Mutator.TOKENS),
                Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(6),
                Arbitraries.integers().map(String::valueOf));
        return word.list().ofMaxSize(80).map(ws -> String.join(" ", ws));
    }

    /** Any characters, weighted towards printable ASCII. */
    static Arbitrary<String> randomText() {
        return Arbitraries.oneOf(
                Arbitraries.strings().ascii().ofMaxLength(300),
                Arbitraries.strings().all().ofMaxLength(100));
    }
}
