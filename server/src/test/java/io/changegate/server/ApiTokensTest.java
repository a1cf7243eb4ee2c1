package io.changegate.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ApiTokensTest {
    @Test
    void aConfiguredTokenIdentifiesItsTeamAndScopes() {
        String config = """
                {"teams": {"payments": [{"sha256": "%s", "scopes": ["evidence:write", "evidence:read"]}]}}
                """.formatted(ApiTokens.hash("s3cret"));
        ApiTokens tokens = ApiTokens.parse("tokens.json", config.getBytes(StandardCharsets.UTF_8));
        ApiTokens.Caller caller = tokens.authenticate("Bearer s3cret").orElseThrow();
        assertThat(caller.team()).isEqualTo("payments");
        assertThat(caller.may(ApiTokens.EVIDENCE_WRITE)).isTrue();
        assertThat(tokens.authenticate("Bearer other")).isEmpty();
        assertThat(tokens.authenticate("Basic s3cret")).isEmpty();
        assertThat(tokens.authenticate(null)).isEmpty();
    }

    @Test
    void aBadConfigurationNamesTheEntry() {
        assertThatThrownBy(() -> ApiTokens.parse("tokens.json",
                "{\"teams\": {\"ops\": [{\"sha256\": \"plain-token\", \"scopes\": [\"evidence:read\"]}]}}".getBytes()))
                .hasMessage("tokens.json: teams.ops[0].sha256: expected the 64-hex SHA-256 of the token");
        assertThatThrownBy(() -> ApiTokens.parse("tokens.json", ("{\"teams\": {\"ops\": [{\"sha256\": \""
                + "a".repeat(64) + "\", \"scopes\": [\"admin\"]}]}}").getBytes()))
                .hasMessageContaining("teams.ops[0].scopes: unknown scope 'admin'");
    }
}
