package io.changegate.rego.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.changegate.rego.value.ArrayValue;
import io.changegate.rego.value.BooleanValue;
import io.changegate.rego.value.Json;
import io.changegate.rego.value.NullValue;
import io.changegate.rego.value.NumberValue;
import io.changegate.rego.value.ObjectValue;
import io.changegate.rego.value.SetValue;
import io.changegate.rego.value.StringValue;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResultComparisonTest {

    private static ObjectValue row(String json) {
        return (ObjectValue) Json.parse(json);
    }

    private static ObjectValue x(io.changegate.rego.value.Value v) {
        return ObjectValue.builder().put("x", v).build();
    }

    @Test
    void numbersCompareByValueNotByText() {
        assertThat(ResultComparison.matches(List.of(row("{\"x\": 5}")), List.of(row("{\"x\": 5.0}")), false)).isTrue();
        assertThat(ResultComparison.matches(List.of(row("{\"x\": 5}")), List.of(row("{\"x\": 5.1}")), false)).isFalse();
    }

    @Test
    void setsAreComparedAsTheArraysJsonMakesOfThem() {
        ObjectValue actual = x(SetValue.of(NumberValue.of(2), NumberValue.of(1)));
        assertThat(ResultComparison.matches(List.of(row("{\"x\": [1, 2]}")), List.of(actual), false)).isTrue();
        assertThat(ResultComparison.matches(List.of(row("{\"x\": []}")), List.of(x(SetValue.EMPTY)), false)).isTrue();
    }

    @Test
    void nonStringKeysAreComparedAsTheirJsonText() {
        ObjectValue actual = x(ObjectValue.builder()
                .put(NumberValue.of(1), NumberValue.of(2))
                .put(BooleanValue.TRUE, BooleanValue.TRUE)
                .put(ObjectValue.builder().put("3", NumberValue.of(4)).build(), NumberValue.of(5))
                .build());
        ObjectValue expected = row("{\"x\": {\"1\": 2, \"true\": true, \"{\\\"3\\\":4}\": 5}}");
        assertThat(ResultComparison.matches(List.of(expected), List.of(actual), false)).isTrue();
    }

    @Test
    void sortBindingsSortsArrayBindingsInOpasValueOrder() {
        ObjectValue expected = row("{\"x\": [null, false, true, 3.14159, \"foo\", [], {}]}");
        ObjectValue actual = x(ArrayValue.of(ObjectValue.EMPTY, StringValue.of("foo"), NumberValue.parse("3.14159"),
                ArrayValue.EMPTY, BooleanValue.TRUE, NullValue.INSTANCE, BooleanValue.FALSE));
        assertThat(ResultComparison.matches(List.of(expected), List.of(actual), true)).isTrue();
        assertThat(ResultComparison.matches(List.of(expected), List.of(actual), false)).isFalse();
    }

    @Test
    void anEmptyExpectationMeansUndefined() {
        assertThat(ResultComparison.matches(List.of(), List.of(), false)).isTrue();
        assertThat(ResultComparison.matches(List.of(), List.of(row("{}")), false)).isFalse();
    }

    @Test
    void rowsCompareAsAMultiset() {
        List<ObjectValue> expected = List.of(row("{\"x\": 1}"), row("{\"x\": 2}"));
        assertThat(ResultComparison.matches(expected, List.of(row("{\"x\": 2}"), row("{\"x\": 1}")), false)).isTrue();
        assertThat(ResultComparison.matches(expected, List.of(row("{\"x\": 1}"), row("{\"x\": 1}")), false)).isFalse();
    }

    @Test
    void extraOrMissingBindingsMakeRowsDiffer() {
        assertThat(ResultComparison.matches(List.of(row("{\"x\": 1}")), List.of(row("{\"x\": 1, \"y\": 2}")), false))
                .isFalse();
    }
}
