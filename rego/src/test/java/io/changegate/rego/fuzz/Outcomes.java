package io.changegate.rego.fuzz;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.changegate.rego.value.Json;
import java.time.Duration;
import java.util.List;

/**
 * Runs one fuzz input through a reader and classifies what happened: the reader returned, or it
 * rejected the input with one of its documented exceptions and a message. Anything else (another
 * exception, an {@link Error} such as {@link StackOverflowError}, or running past the time bound)
 * fails the property with the input that caused it.
 */
final class Outcomes {
    /** Generous for inputs of a few kilobytes, so that only a real hang trips it on a busy machine. */
    static final Duration PER_INPUT = Duration.ofSeconds(10);

    static final String ACCEPTED = "accepted";
    static final String REJECTED = "rejected";

    /** A call into a reader under test. */
    @FunctionalInterface
    interface Read {
        Object run() throws Exception;
    }

    private Outcomes() {
    }

    /**
     * Returns {@link #ACCEPTED} or {@link #REJECTED}.
     *
     * @param documented the exception types the reader documents for bad input
     */
    static String of(String reader, String input, List<Class<? extends Throwable>> documented, Read read) {
        return assertTimeoutPreemptively(PER_INPUT, () -> {
            try {
                read.run();
                return ACCEPTED;
            } catch (Throwable t) {
                for (Class<? extends Throwable> type : documented) {
                    if (type.isInstance(t)) {
                        if (t.getMessage() == null || t.getMessage().isBlank()) {
                            throw new AssertionError(reader + " rejected an input without a message: " + show(input), t);
                        }
                        return REJECTED;
                    }
                }
                throw new AssertionError(reader + " threw " + t.getClass().getName() + " (" + t.getMessage()
                        + ") on input " + show(input), t);
            }
        }, () -> reader + " ran longer than " + PER_INPUT + " on input " + show(input));
    }

    /** The input as a JSON string literal, cut to a readable length. */
    static String show(String input) {
        String s = input.length() <= 4000 ? input : input.substring(0, 4000);
        return Json.quote(s) + (s.length() < input.length() ? "… (" + input.length() + " chars)" : "");
    }
}
