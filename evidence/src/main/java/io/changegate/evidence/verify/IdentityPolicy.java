package io.changegate.evidence.verify;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;

import java.util.Objects;

/**
 * Who must have signed: the certificate's subject (its SAN: a URI, an email or another name) and the
 * OIDC issuer that vouched for it, each matched exactly or by an RE2 regular expression.
 *
 * @param subject the SAN to accept
 * @param issuer  the OIDC issuer to accept
 */
public record IdentityPolicy(Match subject, Match issuer) {
    public IdentityPolicy {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(issuer, "issuer");
    }

    /**
     * An exact string or a whole-string RE2 regular expression. RE2 runs in linear time, so a
     * user-supplied expression cannot hang verification.
     */
    public sealed interface Match {
        boolean matches(String value);

        /** Accepts only {@code expected}. */
        static Match exactly(String expected) {
            return new Exactly(expected);
        }

        /**
         * Accepts strings the RE2 expression matches in full (as cosign's {@code -regexp} flags do).
         *
         * @throws IllegalArgumentException when the expression is not valid RE2 syntax
         */
        static Match regex(String expression) {
            try {
                return new Regex(expression, Pattern.compile(expression));
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("invalid regular expression " + expression + ": " + e.getMessage(), e);
            }
        }
    }

    record Exactly(String expected) implements Match {
        public Exactly {
            Objects.requireNonNull(expected, "expected");
        }

        @Override
        public boolean matches(String value) {
            return expected.equals(value);
        }

        @Override
        public String toString() {
            return expected;
        }
    }

    record Regex(String expression, Pattern pattern) implements Match {
        @Override
        public boolean matches(String value) {
            return value != null && pattern.matches(value);
        }

        @Override
        public String toString() {
            return "regex " + expression;
        }
    }
}
