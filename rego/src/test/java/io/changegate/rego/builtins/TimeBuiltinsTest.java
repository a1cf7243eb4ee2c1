package io.changegate.rego.builtins;

import static io.changegate.rego.builtins.Calls.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TimeBuiltinsTest {
    @Test
    void parsesGoLayoutsAndNamedLayouts() throws Exception {
        assertThat(json("time.parse_ns", "\"Jan 2 2006\"", "\"Feb 3 2020\"")).isEqualTo("1580688000000000000");
        assertThat(json("time.parse_rfc3339_ns", "\"2017-06-02T19:00:00.123456789-07:00\"")).isEqualTo("1496455200123456789");
        assertThatThrownBy(() -> json("time.parse_ns", "\"2006-01-02\"", "\"bad\""))
                .hasMessage("time.parse_ns: parsing time \"bad\" as \"2006-01-02\": cannot parse \"bad\" as \"2006\"");
        assertThatThrownBy(() -> json("time.parse_rfc3339_ns", "\"2017-13-01T00:00:00Z\""))
                .hasMessage("time.parse_rfc3339_ns: parsing time \"2017-13-01T00:00:00Z\": month out of range");
    }

    @Test
    void formatsInZonesWithGoLayouts() throws Exception {
        assertThat(json("time.format", "[1500000000000000000, \"America/New_York\"]")).isEqualTo("\"2017-07-13T22:40:00-04:00\"");
        assertThat(json("time.format", "[0, \"Asia/Tokyo\", \"Mon Jan _2 15:04:05 MST 2006\"]")).isEqualTo("\"Thu Jan  1 09:00:00 JST 1970\"");
        assertThat(json("time.format", "-1")).isEqualTo("\"1969-12-31T23:59:59.999999999Z\"");
        assertThatThrownBy(() -> json("time.format", "[0, \"Bad/Zone\"]")).hasMessage("time.format: unknown time zone Bad/Zone");
    }

    @Test
    void durationsFollowGo() throws Exception {
        assertThat(json("time.parse_duration_ns", "\"1h30m\"")).isEqualTo("5400000000000");
        assertThat(json("time.parse_duration_ns", "\"1µs\"")).isEqualTo("1000");
        assertThatThrownBy(() -> json("time.parse_duration_ns", "\"1d\""))
                .hasMessage("time.parse_duration_ns: time: unknown unit \"d\" in duration \"1d\"");
    }

    @Test
    void calendarArithmeticNormalisesLikeGo() throws Exception {
        assertThat(json("time.add_date", "1580515200000000000", "0", "1", "0")).isEqualTo("1583020800000000000");
        assertThat(json("time.diff", "0", "1500000000000000000")).isEqualTo("[47,6,13,2,40,0]");
        assertThat(json("time.weekday", "[0, \"Pacific/Honolulu\"]")).isEqualTo("\"Wednesday\"");
    }

    @Test
    void nowIsTheContextsFixedClock() throws Exception {
        assertThat(json("time.now_ns")).isEqualTo(Long.toString(new TestContext(true).nowNanos()));
    }
}
