package io.changegate.rego.builtins;

import static org.assertj.core.api.Assertions.assertThat;

import io.changegate.rego.value.Value;
import java.util.List;
import org.junit.jupiter.api.Test;

class BuiltinRegistryTest {
    @Test
    void theStandardLibraryCoversOpasCatalogue() {
        BuiltinRegistry r = BuiltinRegistry.standard();
        assertThat(r.all()).hasSizeGreaterThan(180);
        for (String name : List.of("count", "sprintf", "regex.match", "io.jwt.decode_verify", "time.format", "net.cidr_merge",
                "crypto.x509.parse_certificates", "json.match_schema", "yaml.unmarshal", "walk", "http.send", "uuid.rfc4122")) {
            assertThat(r.get(name)).as(name).isNotNull();
        }
    }

    @Test
    void everyDeclarationMatchesItsName() {
        for (Builtin b : BuiltinRegistry.standard().all()) {
            assertThat(b.name()).isEqualTo(b.decl().name());
            assertThat(b.decl().resultType()).as(b.name()).isNotNull();
        }
    }

    @Test
    void onlyWalkIsARelation() {
        assertThat(BuiltinRegistry.standard().all().stream().filter(Builtin::isRelation).map(Builtin::name)).containsExactly("walk");
    }

    @Test
    void deprecatedBuiltinsAreFlaggedForTheV1Compiler() {
        assertThat(BuiltinRegistry.standard().get("re_match").decl().deprecated()).isTrue();
        assertThat(BuiltinRegistry.standard().get("regex.match").decl().deprecated()).isFalse();
    }

    @Test
    void nondeterministicBuiltinsAreMarkedAndStableWithinOneEvaluation() throws Exception {
        BuiltinRegistry r = BuiltinRegistry.standard();
        assertThat(r.get("time.now_ns").decl().nondeterministic()).isTrue();
        assertThat(r.get("rand.intn").decl().nondeterministic()).isTrue();
        assertThat(r.get("count").decl().nondeterministic()).isFalse();
        TestContext ctx = new TestContext(true);
        Value[] args = {Calls.v("\"k\""), Calls.v("1000000")};
        assertThat(r.get("rand.intn").call(ctx, args)).isEqualTo(r.get("rand.intn").call(ctx, args));
        Value[] key = {Calls.v("\"k\"")};
        assertThat(r.get("uuid.rfc4122").call(ctx, key)).isEqualTo(r.get("uuid.rfc4122").call(ctx, key));
    }

    @Test
    void declaredTypesAcceptAndRejectConstants() {
        Type strings = Type.oneOf(Type.arrayOf(Type.STRING), Type.setOf(Type.STRING));
        assertThat(strings.accepts(Calls.v("[\"a\"]"))).isTrue();
        assertThat(strings.accepts(Calls.v("[1]"))).isFalse();
        assertThat(strings.describe()).isEqualTo("any<array[string], set[string]>");
    }
}
