package io.changegate.policies;

import static org.assertj.core.api.Assertions.assertThat;

import io.changegate.rego.PreparedQuery;
import io.changegate.rego.Rego;
import io.changegate.rego.ast.Module;
import io.changegate.rego.ast.RegoVersion;
import io.changegate.rego.ast.Rule;
import io.changegate.rego.ast.Term;
import io.changegate.rego.parser.Parser;
import io.changegate.rego.value.BooleanValue;
import io.changegate.rego.value.Json;
import io.changegate.rego.value.StringValue;
import io.changegate.rego.value.Value;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Runs every {@code test_*} rule of the library's {@code _test.rego} files, as {@code opa test} would. */
class PolicyLibraryTest {

    @TestFactory
    Stream<DynamicTest> every_library_test_rule_holds() throws Exception {
        Rego.Builder builder = Rego.builder().data(Json.parse(PolicyLibrary.read(PolicyLibrary.DATA)));
        List<String[]> tests = new ArrayList<>();
        for (String path : concat(PolicyLibrary.POLICIES, PolicyLibrary.TESTS)) {
            String source = new String(PolicyLibrary.read(path), StandardCharsets.UTF_8);
            builder.module(path, source);
            if (path.endsWith("_test.rego")) {
                Module module = Parser.parseModule(path, source, RegoVersion.V1);
                String pkg = dotted(module.pkg().path());
                module.rules().stream().map(PolicyLibraryTest::name).filter(n -> n.startsWith("test_")).distinct()
                        .forEach(rule -> tests.add(new String[] {path, pkg + "." + rule}));
            }
        }
        assertThat(tests).hasSizeGreaterThan(40);
        List<DynamicTest> cases = new ArrayList<>();
        for (String[] test : tests) {
            PreparedQuery query = Rego.builder().data(builder.data()).prepare("true");
            cases.add(DynamicTest.dynamicTest(test[0] + ": " + test[1], () -> {
                Rego.Builder b = Rego.builder().data(builder.data());
                builder.modules().forEach(m -> b.module(m.file(), m.source()));
                Value result = b.prepare(test[1]).evalValue(null);
                assertThat(result).as(test[1] + " should be true").isEqualTo(BooleanValue.TRUE);
            }));
            assertThat(query).isNotNull();
        }
        return cases.stream();
    }

    @Test
    void every_policy_has_a_test_file_and_declares_an_owner() {
        for (String path : PolicyLibrary.POLICIES) {
            if (path.startsWith("lib/")) {
                continue;
            }
            String source = new String(PolicyLibrary.read(path), StandardCharsets.UTF_8);
            assertThat(source).as(path).contains("#   owner: ");
            String test = path.replace(".rego", "_test.rego");
            assertThat(PolicyLibrary.TESTS.contains(test) || path.startsWith("k8s_")).as(test).isTrue();
        }
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static String name(Rule rule) {
        return ((Term.Var) rule.head().ref().parts().get(0)).name();
    }

    static String dotted(Term.Ref ref) {
        return ref.parts().stream().map(part -> switch (part) {
            case Term.Var v -> v.name();
            case Term.Scalar s when s.value() instanceof StringValue str -> str.value();
            default -> part.toString();
        }).collect(Collectors.joining("."));
    }
}
