package io.changegate.rego.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.changegate.rego.value.BooleanValue;
import io.changegate.rego.value.Json;
import io.changegate.rego.value.NullValue;
import io.changegate.rego.value.NumberValue;
import io.changegate.rego.value.ObjectValue;
import io.changegate.rego.value.StringValue;
import io.changegate.rego.value.Value;
import java.math.BigDecimal;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class YamlValuesTest {

    private static ObjectValue parse(String yaml) {
        return (ObjectValue) YamlValues.parse("t.yaml", yaml);
    }

    @Test
    void integersBeyondSixtyFourBitsStayExact() {
        Value v = parse("n: 123456789012345678901234567890\nm: -9223372036854775809\n").get("n");
        assertThat(v).isEqualTo(NumberValue.of(new BigInteger("123456789012345678901234567890")));
        assertThat(parse("m: -9223372036854775809").get("m").toString()).isEqualTo("-9223372036854775809");
    }

    @Test
    void decimalsKeepEveryDigitAndHugeExponents() {
        ObjectValue o = parse("a: 0.33333333333333333334\nb: 1.0e+400\nc: 5.0\n");
        assertThat(((NumberValue) o.get("a")).bigDecimalValue())
                .isEqualByComparingTo(new BigDecimal("0.33333333333333333334"));
        assertThat(((NumberValue) o.get("b")).bigDecimalValue()).isEqualByComparingTo(new BigDecimal("1e400"));
        assertThat(o.get("c")).isEqualTo(NumberValue.of(5));
    }

    @Test
    void readsScalarsWithTheYaml12CoreSchema() {
        ObjectValue o = parse("t: true\nf: False\nn: ~\ne: null\ny: yes\nh: 0x1F\no: 0o17\ns: '12'\n");
        assertThat(o.get("t")).isEqualTo(BooleanValue.TRUE);
        assertThat(o.get("f")).isEqualTo(BooleanValue.FALSE);
        assertThat(o.get("n")).isEqualTo(NullValue.INSTANCE);
        assertThat(o.get("e")).isEqualTo(NullValue.INSTANCE);
        assertThat(o.get("y")).isEqualTo(StringValue.of("yes"));
        assertThat(o.get("h")).isEqualTo(NumberValue.of(31));
        assertThat(o.get("o")).isEqualTo(NumberValue.of(15));
        assertThat(o.get("s")).isEqualTo(StringValue.of("12"));
    }

    @Test
    void mapKeysBecomeStringsAsInJson() {
        ObjectValue o = parse("1: a\ntrue: b\n\"x\": c\n");
        assertThat(Json.write(o)).isEqualTo("{\"1\":\"a\",\"true\":\"b\",\"x\":\"c\"}");
    }

    @Test
    void reportsMalformedYamlWithFileAndLine() {
        assertThatThrownBy(() -> YamlValues.parse("bad.yaml", "a: 1\nb: [1, 2\n"))
                .isInstanceOf(YamlException.class)
                .hasMessageStartingWith("bad.yaml:3");
    }

    @Test
    void rejectsInfinityAsNotARegoNumber() {
        assertThatThrownBy(() -> YamlValues.parse("inf.yaml", "x: .inf\n"))
                .isInstanceOf(YamlException.class)
                .hasMessageContaining("inf.yaml:1:4")
                .hasMessageContaining("not a number Rego can represent");
    }

    @Test
    void anEmptyDocumentIsNull() {
        assertThat(YamlValues.parse("e.yaml", "# nothing\n")).isNull();
    }
}
