package vn.phoihop.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import org.junit.jupiter.api.Test;

class PortClaimTest {

    @Test
    void aTakenPortIsNamedWithThePartThatWantsItAndTheVariableThatMovesIt() throws Exception {
        try (var taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            var claims = List.of(new PortClaim("gateway", freePort(), "GATEWAY_PORT"),
                    new PortClaim("Kafka broker", port, "KAFKA_PORT"));

            assertThat(PortClaim.firstProblem(claims)).hasValueSatisfying(message -> assertThat(message)
                    .contains("Port " + port).contains("Kafka broker").contains("KAFKA_PORT=<port>"));
        }
    }

    @Test
    void freePortsClaimedOnceAreNoProblem() throws Exception {
        var claims = List.of(new PortClaim("gateway", freePort(), "GATEWAY_PORT"),
                new PortClaim("MongoDB", freePort(), "MONGODB_PORT"));

        assertThat(PortClaim.firstProblem(claims)).isEmpty();
    }

    @Test
    void onePortWantedByTwoPartsNamesBothVariables() throws Exception {
        int port = freePort();
        var claims = List.of(new PortClaim("gateway", port, "GATEWAY_PORT"),
                new PortClaim("unit-service", port, "UNIT_SERVICE_PORT"));

        assertThat(PortClaim.firstProblem(claims)).hasValueSatisfying(message -> assertThat(message)
                .contains("Port " + port).contains("GATEWAY_PORT").contains("UNIT_SERVICE_PORT"));
    }

    static int freePort() throws Exception {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
