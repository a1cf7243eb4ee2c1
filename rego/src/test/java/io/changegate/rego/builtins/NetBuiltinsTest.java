package io.changegate.rego.builtins;

import static io.changegate.rego.builtins.Calls.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class NetBuiltinsTest {
    @Test
    void containmentWorksForAddressesAndNetworksOfBothFamilies() throws Exception {
        assertThat(json("net.cidr_contains", "\"10.0.0.0/8\"", "\"10.1.0.0/16\"")).isEqualTo("true");
        assertThat(json("net.cidr_contains", "\"2001:db8::/32\"", "\"2001:db8::1\"")).isEqualTo("true");
        assertThat(json("net.cidr_contains", "\"10.0.0.0/8\"", "\"::1\"")).isEqualTo("false");
        assertThatThrownBy(() -> json("net.cidr_contains", "\"10.0.0.0/8\"", "\"bad\""))
                .hasMessage("net.cidr_contains: not a valid textual representation of an IP address or CIDR: bad");
    }

    @Test
    void expandAndMergePrintAddressesAsGoDoes() throws Exception {
        assertThat(json("net.cidr_expand", "\"2001:db8::/127\"")).isEqualTo("[\"2001:db8::\",\"2001:db8::1\"]");
        assertThat(json("net.cidr_merge", "[\"10.0.0.0/24\", \"10.0.1.0/24\"]")).isEqualTo("[\"10.0.0.0/23\"]");
        assertThat(json("net.cidr_merge", "[\"2601:600:8a80:207e:a57d:7567:e2c9:e7b3/64\"]")).isEqualTo("[\"2601:600:8a80:207e::/64\"]");
        assertThatThrownBy(() -> json("net.cidr_merge", "[\"2601:600:8a80:207e:a57d:7567:e2c9:e7b3\"]"))
                .hasMessage("net.cidr_merge: IPv6 invalid: needs prefix length");
    }

    @Test
    void leadingZerosAndOversizedPrefixesAreInvalid() throws Exception {
        assertThat(json("net.cidr_is_valid", "\"10.0.0.0/33\"")).isEqualTo("false");
        assertThat(json("net.cidr_is_valid", "\"010.0.0.0/8\"")).isEqualTo("false");
    }

    @Test
    void lookupsNeverTouchTheNetwork() {
        assertThatThrownBy(() -> json("net.lookup_ip_addr", "\"example.com\"")).isInstanceOf(BuiltinException.class);
    }

    @Test
    void httpSendValidatesAndStaysOfflineByDefault() {
        assertThatThrownBy(() -> json("http.send", "{\"method\": \"get\"}"))
                .hasMessage("http.send: operand 1 missing required request parameters(s): {\"url\"}");
        assertThatThrownBy(() -> json("http.send", "{\"method\": \"get\", \"url\": \"http://127.0.0.1:1/\", \"bogus_key\": 1}"))
                .hasMessage("http.send: operand 1 invalid request parameters(s): {\"bogus_key\"}");
        assertThatThrownBy(() -> json("http.send", "{\"method\": \"get\", \"url\": \"http://127.0.0.1:1/\"}"))
                .hasMessageContaining("not allowed");
    }
}
