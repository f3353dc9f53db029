package vn.phoihop.platform.audit.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.mock.web.MockHttpServletRequest;

class ClientAddressTest {

    @ParameterizedTest(name = "X-Forwarded-For [{0}] from peer {1} → {2}")
    @CsvSource(delimiter = '|', value = {
            "203.0.113.9 | 10.0.0.2 | 203.0.113.9",
            // only the last element is the gateway's; anything before it a client could have written
            "198.51.100.1, 203.0.113.9 | 10.0.0.2 | 203.0.113.9",
            "2001:db8::7 | 10.0.0.2 | 2001:db8::7",
            " | 10.0.0.2 | 10.0.0.2",
            "<script> | 10.0.0.2 | 10.0.0.2",
            "1.2.3.4, evil text here | 10.0.0.2 | 10.0.0.2"})
    void theGatewaysForwardedAddressElseThePeer(String forwarded, String peer, String expected) {
        var request = new MockHttpServletRequest();
        request.setRemoteAddr(peer);
        if (forwarded != null) {
            request.addHeader(ClientAddress.HEADER, forwarded);
        }
        assertThat(ClientAddress.of(request)).isEqualTo(expected);
    }
}
