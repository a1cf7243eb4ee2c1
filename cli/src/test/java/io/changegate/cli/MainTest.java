package io.changegate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MainTest {

    @Test
    void helpListsTheCommands() {
        Cli r = Cli.run("--help");
        assertThat(r.exitCode()).isEqualTo(0);
        assertThat(r.out()).contains("eval", "conformance", "bench");
    }

    @Test
    void anUnknownCommandIsAUsageError() {
        Cli r = Cli.run("frobnicate");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("Unmatched argument");
        assertThat(r.hasNoStackTrace()).isTrue();
    }
}
