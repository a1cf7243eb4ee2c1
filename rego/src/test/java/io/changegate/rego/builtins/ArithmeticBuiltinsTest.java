package io.changegate.rego.builtins;

import static io.changegate.rego.builtins.Calls.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ArithmeticBuiltinsTest {
    @Test
    void integerArithmeticIsExactBeyondSixtyFourBits() throws Exception {
        assertThat(json("plus", "9223372036854775807", "1")).isEqualTo("9223372036854775808");
        assertThat(json("mul", "4294967296", "4294967296")).isEqualTo("18446744073709551616");
        assertThat(json("minus", "-9223372036854775808", "1")).isEqualTo("-9223372036854775809");
        assertThat(json("rem", "18446744073709551617", "18446744073709551616")).isEqualTo("1");
    }

    @Test
    void nonIntegersFollowOpasSixtyFourBitBinaryFloats() throws Exception {
        assertThat(json("plus", "0.1", "0.2")).isEqualTo("0.3");
        assertThat(json("minus", "0.3", "0.1")).isEqualTo("0.20000000000000000002");
        assertThat(json("div", "1", "3")).isEqualTo("0.33333333333333333334");
        assertThat(json("div", "7", "2")).isEqualTo("3.5");
        assertThat(json("div", "6", "3")).isEqualTo("2");
        assertThat(json("plus", "1e300", "1e300")).isEqualTo(Calls.v("2e300").toJson());
    }

    @Test
    void divisionAndRemainderByZeroAreBuiltinErrors() {
        assertThatThrownBy(() -> json("div", "1", "0")).isInstanceOf(BuiltinException.class).hasMessage("div: divide by zero");
        assertThatThrownBy(() -> json("rem", "7", "0")).hasMessage("rem: modulo by zero");
        assertThatThrownBy(() -> json("rem", "7.5", "2")).hasMessage("rem: modulo on floating-point number");
    }

    @Test
    void roundingGoesHalfAwayFromZero() throws Exception {
        assertThat(json("round", "2.5")).isEqualTo("3");
        assertThat(json("round", "-2.5")).isEqualTo("-3");
        assertThat(json("ceil", "-1.2")).isEqualTo("-1");
        assertThat(json("floor", "-1.2")).isEqualTo("-2");
    }

    @Test
    void minusOnSetsIsDifferenceAndMixingKindsNamesTheOperand() throws Exception {
        assertThat(Calls.call("minus", io.changegate.rego.value.SetValue.of(Calls.v("1"), Calls.v("2")),
                io.changegate.rego.value.SetValue.of(Calls.v("2"))).toRego()).isEqualTo("{1}");
        assertThatThrownBy(() -> json("minus", "1", "\"a\"")).hasMessage("minus: operand 2 must be number but got string");
        assertThatThrownBy(() -> json("minus", "true", "1")).hasMessage("minus: operand 1 must be one of {number, set} but got boolean");
    }

    @Test
    void rangesCountInEitherDirection() throws Exception {
        assertThat(json("numbers.range", "5", "1")).isEqualTo("[5,4,3,2,1]");
        assertThat(json("numbers.range_step", "10", "0", "3")).isEqualTo("[10,7,4,1]");
        assertThatThrownBy(() -> json("numbers.range", "1.5", "3"))
                .hasMessage("numbers.range: operand 1 must be integer number but got floating-point number");
    }

    @Test
    void bitsWorkOnArbitrarySizeTwosComplement() throws Exception {
        assertThat(json("bits.and", "-8", "-3")).isEqualTo("-8");
        assertThat(json("bits.lsh", "1", "64")).isEqualTo("18446744073709551616");
        assertThat(json("bits.rsh", "-16", "2")).isEqualTo("-4");
    }
}
