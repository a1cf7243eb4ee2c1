package io.changegate.rego.builtins;

import static io.changegate.rego.builtins.Calls.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.changegate.rego.value.SetValue;
import io.changegate.rego.value.Value;
import java.util.List;
import org.junit.jupiter.api.Test;

class CollectionBuiltinsTest {
    @Test
    void aggregatesUseOpasOrderAndTypeMessages() throws Exception {
        assertThat(json("max", "[1, \"a\", null, true, [1], {\"k\": 1}]")).isEqualTo("{\"k\":1}");
        assertThat(json("max", "[]")).isEqualTo("undefined");
        assertThat(json("sort", "[null, true, false, 1, \"a\", [], {}]")).isEqualTo("[null,false,true,1,\"a\",[],{}]");
        assertThatThrownBy(() -> json("count", "true"))
                .hasMessage("count: operand 1 must be one of {array, object, set, string} but got boolean");
        assertThatThrownBy(() -> json("sum", "\"x\"")).hasMessage("sum: operand 1 must be one of {set, array} but got string");
    }

    @Test
    void objectGetFollowsPathsIntoArrays() throws Exception {
        assertThat(json("object.get", "{\"a\": {\"b\": [1, 2]}}", "[\"a\", \"b\", 1]", "\"d\"")).isEqualTo("2");
        assertThat(json("object.get", "{\"a\": {\"b\": [1, 2]}}", "[\"a\", \"b\", 5]", "\"d\"")).isEqualTo("\"d\"");
        assertThat(json("object.get", "{\"a\": 1}", "[]", "\"d\"")).isEqualTo("{\"a\":1}");
    }

    @Test
    void unionMergesNestedObjectsAndRightWins() throws Exception {
        assertThat(json("object.union", "{\"a\": {\"b\": {\"c\": 1}}}", "{\"a\": {\"b\": {\"d\": 2}}}")).isEqualTo("{\"a\":{\"b\":{\"c\":1,\"d\":2}}}");
        assertThat(json("object.union_n", "[{\"a\": 1}, {\"b\": 2}, {\"a\": 3}]")).isEqualTo("{\"a\":3,\"b\":2}");
    }

    @Test
    void subsetComparesLikeKindsAndRejectsMixed() throws Exception {
        assertThat(json("object.subset", "[1, 2, 3]", "[2, 3]")).isEqualTo("true");
        assertThat(Calls.call("object.subset", Calls.v("[1, 2]"), SetValue.of(Calls.v("1"))).toJson()).isEqualTo("true");
        assertThatThrownBy(() -> Calls.call("object.subset", SetValue.of(Calls.v("1")), Calls.v("[1]")))
                .hasMessage("object.subset: both arguments object.subset must be of the same type or array and set");
    }

    @Test
    void walkYieldsPathsInPreOrder() throws Exception {
        List<Value> out = Calls.iterate("walk", Calls.v("{\"a\": [1, {\"b\": 2}]}"));
        assertThat(out).extracting(Value::toJson).containsExactly(
                "[[],{\"a\":[1,{\"b\":2}]}]", "[[\"a\"],[1,{\"b\":2}]]", "[[\"a\",0],1]", "[[\"a\",1],{\"b\":2}]", "[[\"a\",1,\"b\"],2]");
    }

    @Test
    void reachabilityFollowsOnlyKnownNodes() throws Exception {
        assertThat(json("graph.reachable", "{\"a\": [\"b\"], \"b\": [\"c\"], \"c\": [], \"d\": [\"a\"]}", "[\"a\"]")).isEqualTo("[\"a\",\"b\",\"c\"]");
        assertThat(json("graph.reachable_paths", "{\"a\": [\"b\", \"c\"], \"b\": [], \"c\": []}", "[\"a\"]")).isEqualTo("[[\"a\",\"b\"],[\"a\",\"c\"]]");
    }

    @Test
    void typeFunctionsAndConversions() throws Exception {
        assertThat(json("type_name", "{}")).isEqualTo("\"object\"");
        assertThat(json("to_number", "\"1E-3\"")).isEqualTo("0.001");
        assertThatThrownBy(() -> json("to_number", "\"0x10\"")).hasMessage("to_number: strconv.ParseFloat: parsing \"0x10\": invalid syntax");
        assertThat(json("units.parse", "\"1.5M\"")).isEqualTo("1500000");
        assertThat(json("units.parse_bytes", "\"1KiB\"")).isEqualTo("1024");
        assertThat(json("semver.compare", "\"1.0.0-rc.1\"", "\"1.0.0-rc.10\"")).isEqualTo("-1");
    }
}
