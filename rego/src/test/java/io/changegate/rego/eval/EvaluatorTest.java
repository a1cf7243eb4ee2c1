package io.changegate.rego.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.changegate.rego.EvalOptions;
import io.changegate.rego.PreparedQuery;
import io.changegate.rego.QueryResult;
import io.changegate.rego.Rego;
import io.changegate.rego.RegoException;
import io.changegate.rego.value.Json;
import io.changegate.rego.value.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class EvaluatorTest {

    private static Value eval(String module, String query, String inputJson) throws RegoException {
        PreparedQuery q = Rego.builder().module("test.rego", module).prepare(query);
        return q.evalValue(inputJson == null ? null : Json.parse(inputJson));
    }

    private static String evalJson(String module, String query) throws RegoException {
        Value v = eval(module, query, null);
        return v == null ? "undefined" : v.toJson();
    }

    @Test
    void completeRulesDefaultsAndElse() throws RegoException {
        String m = """
                package t
                default allow := false
                allow if input.user == "admin"
                grade := "a" if input.score > 90 else := "b" if input.score > 80 else := "c"
                """;
        assertThat(eval(m, "data.t.allow", "{\"user\":\"admin\"}").toJson()).isEqualTo("true");
        assertThat(eval(m, "data.t.allow", "{\"user\":\"bob\"}").toJson()).isEqualTo("false");
        assertThat(eval(m, "data.t.grade", "{\"score\":85}").toJson()).isEqualTo("\"b\"");
        assertThat(eval(m, "data.t.grade", "{\"score\":10}").toJson()).isEqualTo("\"c\"");
    }

    @Test
    void partialSetAndObjectRules() throws RegoException {
        String m = """
                package t
                xs := [3, 1, 2]
                evens contains x if { some x in xs; x % 2 == 0 }
                big contains x if { x := xs[_]; x > 1 }
                byname[name] := n if { some n in xs; name := sprintf("n%d", [n]) }
                p.q[x].r := true if { some x in ["a", "b"] }
                """;
        assertThat(evalJson(m, "data.t.evens")).isEqualTo("[2]");
        assertThat(evalJson(m, "data.t.big")).isEqualTo("[2,3]");
        assertThat(evalJson(m, "data.t.byname")).isEqualTo("{\"n1\":1,\"n2\":2,\"n3\":3}");
        assertThat(evalJson(m, "data.t.p")).isEqualTo("{\"q\":{\"a\":{\"r\":true},\"b\":{\"r\":true}}}");
    }

    @Test
    void functionsWithMultipleDefinitionsAndConflicts() throws RegoException {
        String m = """
                package t
                f(x) := "neg" if x < 0
                f(x) := "pos" if x > 0
                f(0) := "zero"
                g(_) := 1
                g(_) := 2
                """;
        assertThat(evalJson(m, "data.t.f(-4)")).isEqualTo("\"neg\"");
        assertThat(evalJson(m, "data.t.f(0)")).isEqualTo("\"zero\"");
        assertThatThrownBy(() -> evalJson(m, "data.t.g(1)"))
                .isInstanceOf(RegoException.class)
                .hasMessageContaining("eval_conflict_error")
                .hasMessageContaining("function data.t.g produced conflicting values for the same inputs");
    }

    @Test
    void unificationReordersUnsafeExpressions() throws RegoException {
        String m = """
                package t
                p := y if { y > 1; [y, z] = [2, 3]; z == 3 }
                """;
        assertThat(evalJson(m, "data.t.p")).isEqualTo("2");
    }

    @Test
    void everyNotAndComprehensions() throws RegoException {
        String m = """
                package t
                all_pos if every x in input.xs { x > 0 }
                none_neg if not any_neg
                any_neg if { some x in input.xs; x < 0 }
                doubled := [y | some x in input.xs; y := x * 2]
                keys := {k | some k, _ in input.o}
                inv := {v: k | some k, v in input.o}
                """;
        String in = "{\"xs\":[1,2,3],\"o\":{\"a\":\"x\",\"b\":\"y\"}}";
        assertThat(eval(m, "data.t.all_pos", in).toJson()).isEqualTo("true");
        assertThat(eval(m, "data.t.none_neg", in).toJson()).isEqualTo("true");
        assertThat(eval(m, "data.t.doubled", in).toJson()).isEqualTo("[2,4,6]");
        assertThat(eval(m, "data.t.keys", in).toJson()).isEqualTo("[\"a\",\"b\"]");
        assertThat(eval(m, "data.t.inv", in).toJson()).isEqualTo("{\"x\":\"a\",\"y\":\"b\"}");
        assertThat(eval(m, "data.t.all_pos", "{\"xs\":[1,-2]}")).isNull();
    }

    @Test
    void withReplacesInputDataAndFunctions() throws RegoException {
        String m = """
                package t
                limit := data.config.limit
                over if input.n > limit
                double(x) := x * 2
                r := double(2)
                a if over with input.n as 10 with data.config.limit as 5
                b := x if x := r with double as 7
                c := x if x := count([1, 2]) with count as 9
                """;
        assertThat(evalJson(m, "data.t.a")).isEqualTo("true");
        assertThat(evalJson(m, "data.t.b")).isEqualTo("7");
        assertThat(evalJson(m, "data.t.c")).isEqualTo("9");
    }

    @Test
    void queryResultsCarryBindingsAndExpressionValues() throws RegoException {
        PreparedQuery q = Rego.builder().module("t.rego", "package t\nxs := [1, 2]\n").prepare("x := data.t.xs[i]; x > 1");
        List<QueryResult> rs = q.eval(null);
        assertThat(rs).hasSize(1);
        assertThat(rs.get(0).bindings().toJson()).isEqualTo("{\"i\":1,\"x\":2}");
        assertThat(rs.get(0).expressions()).extracting(e -> e.text()).containsExactly("x := data.t.xs[i]", "x > 1");
        assertThat(rs.get(0).expressions().get(1).value().toJson()).isEqualTo("true");
        // A query of one expression reports its value even when false, as OPA does.
        PreparedQuery lone = Rego.builder().prepare("1 > 2");
        assertThat(lone.eval(null)).singleElement()
                .satisfies(r -> assertThat(r.expressions().get(0).value().toJson()).isEqualTo("false"));
    }

    @Test
    void compileErrorsAreReportedAsOpaDoes() {
        assertThatThrownBy(() -> evalJson("package t\np if { x > 1 }\n", "data.t.p"))
                .hasMessageContaining("rego_unsafe_var_error: var x is unsafe");
        assertThatThrownBy(() -> evalJson("package t\np if q\nq if p\n", "data.t.p"))
                .hasMessageContaining("rego_recursion_error");
        assertThatThrownBy(() -> evalJson("package t\np if nosuch(1)\n", "data.t.p"))
                .hasMessageContaining("undefined function nosuch");
    }

    @Test
    void builtinErrorsAreUndefinedUnlessStrict() throws RegoException {
        PreparedQuery q = Rego.builder().module("t.rego", "package t\np := 1 / 0\n").prepare("data.t.p");
        assertThat(q.eval(null)).isEmpty();
        assertThatThrownBy(() -> q.eval(null, EvalOptions.DEFAULT.withStrictBuiltinErrors(true)))
                .hasMessageContaining("div: divide by zero");
    }

    @Test
    void indexedRulesAndFunctionsGiveTheSameAnswersAsUnindexedOnes() throws RegoException {
        StringBuilder m = new StringBuilder("package t\n");
        for (int i = 0; i < 200; i++) {
            m.append("f(\"k").append(i).append("\") := ").append(i).append('\n');
            m.append("kind contains ").append(i).append(" if input.kind == \"k").append(i).append("\"\n");
        }
        m.append("f(x) := -1 if startswith(x, \"z\")\n");
        m.append("g := 1 if input.kind == \"k1\" else := 2\n");
        m.append("g := 1 if input.kind == \"k1\"\n");
        String module = m.toString();
        assertThat(eval(module, "data.t.f(\"k42\")", null).toJson()).isEqualTo("42");
        assertThat(eval(module, "data.t.f(\"zz\")", null).toJson()).isEqualTo("-1");
        assertThat(eval(module, "data.t.f(\"nope\")", null)).isNull();
        assertThat(eval(module, "data.t.kind", "{\"kind\":\"k7\"}").toJson()).isEqualTo("[7]");
        assertThat(eval(module, "data.t.kind", "{\"kind\":\"other\"}").toJson()).isEqualTo("[]");
        assertThat(eval(module, "data.t.g", "{\"kind\":\"k1\"}").toJson()).isEqualTo("1");
        assertThat(eval(module, "data.t.g", "{\"kind\":\"k2\"}").toJson()).isEqualTo("2");
    }

    @Test
    void coverageReportsTheExpressionsAndHeadsThatRan() throws RegoException {
        String m = "package t\n\nallow if {\n\tinput.a == 1\n\tinput.b == 2\n}\n\ndeny if input.a == 9\n";
        PreparedQuery q = Rego.builder().module("t.rego", m).coverage(true).prepare("data.t.allow");
        java.util.Set<Integer> rows = new java.util.TreeSet<>();
        q.eval(Json.parse("{\"a\":1,\"b\":2}"), EvalOptions.DEFAULT.withCoverage(l -> {
            if (l.file().equals("t.rego")) {
                rows.add(l.row());
            }
        }));
        assertThat(rows).containsExactly(3, 4, 5);
    }

    @Test
    void comprehensionsSelectedByAnOuterKeyGiveTheSameAnswersWhenIndexed() throws RegoException {
        String m = """
                package t
                items := [{"k": "a", "v": 1}, {"k": "b", "v": 2}, {"k": "a", "v": 3}]
                by_key[item.k] := vs if {
                    some item in items
                    vs := [o.v | some o in items; o.k == item.k]
                }
                above[item.k] := vs if {
                    some item in items
                    vs := {o.v | some o in items; o.k == item.k; o.v >= item.v}
                }
                for_input := [o.v | some o in items; input.k == o.k]
                """;
        assertThat(evalJson(m, "data.t.by_key")).isEqualTo("{\"a\":[1,3],\"b\":[2]}");
        assertThatThrownBy(() -> evalJson(m, "data.t.above")).hasMessageContaining("object keys must be unique");
        assertThat(eval(m, "data.t.for_input", "{\"k\":\"a\"}").toJson()).isEqualTo("[1,3]");
        assertThat(eval(m, "data.t.for_input", "{\"k\":\"zz\"}").toJson()).isEqualTo("[]");
    }

    @Test
    void preparedQueriesAreSafeToShareBetweenThreads() throws Exception {
        PreparedQuery q = Rego.builder()
                .module("t.rego", "package t\nr := sum([x | some x in input.xs])\n")
                .prepare("data.t.r");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> futures = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < 500; i++) {
                        Value v = q.evalValue(Json.parse("{\"xs\":[" + i + ",1]}"));
                        if (!v.toJson().equals(Integer.toString(i + 1))) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> f : futures) {
                assertThat(f.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
