package io.changegate.evidence.verify;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IdentityPolicyTest {
    @Test
    void aRegexMustMatchTheWholeIdentity() {
        IdentityPolicy.Match match = IdentityPolicy.Match.regex("https://github\\.com/acme/.*");
        assertThat(match.matches("https://github.com/acme/app/.github/workflows/release.yml@refs/heads/main")).isTrue();
        assertThat(match.matches("https://evil.example/?https://github.com/acme/x")).isFalse();
    }

    @Test
    void anExactMatchIsExact() {
        assertThat(IdentityPolicy.Match.exactly("a@b.c").matches("a@b.c")).isTrue();
        assertThat(IdentityPolicy.Match.exactly("a@b.c").matches("a@b.cd")).isFalse();
    }

    @Test
    void patternsAreRe2SoBackreferencesWhichNeedBacktrackingAreRejected() {
        assertThatThrownBy(() -> IdentityPolicy.Match.regex("(a)\\1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("invalid regular expression (a)\\1");
    }

    @Test
    void anInvalidRegexIsReportedWithThePattern() {
        assertThatThrownBy(() -> IdentityPolicy.Match.regex("(unclosed"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("invalid regular expression (unclosed");
    }
}
