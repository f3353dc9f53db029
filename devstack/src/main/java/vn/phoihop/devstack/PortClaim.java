package vn.phoihop.devstack;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;

/** A port one part of the system will listen on, and the variable that moves it. */
public record PortClaim(String part, int port, String variable) {

    /**
     * The first problem with {@code claims} as a message for a person, or empty when every port is free
     * and claimed once. Checked before anything starts, so a clash never leaves half a system running.
     */
    public static Optional<String> firstProblem(List<PortClaim> claims) {
        var seen = new HashMap<Integer, PortClaim>();
        for (PortClaim claim : claims) {
            PortClaim earlier = seen.putIfAbsent(claim.port, claim);
            if (earlier != null) {
                return Optional.of("Port " + claim.port + " is wanted by both the " + earlier.part + " ("
                        + earlier.variable + ") and the " + claim.part + " (" + claim.variable
                        + "); give each its own port.");
            }
        }
        return claims.stream().filter(c -> !c.isFree()).findFirst().map(PortClaim::takenMessage);
    }

    String takenMessage() {
        return "Port " + port + " is already in use, but the " + part + " needs it. Stop whatever listens there"
                + " (e.g. an earlier ./phoihop up) or choose another port: " + variable + "=<port> ./phoihop up";
    }

    /** Binds the wildcard address like the services do, so any listener on the port counts as taken. */
    boolean isFree() {
        try (var socket = new ServerSocket()) {
            socket.setReuseAddress(true); // a port in TIME_WAIT is free to listen on again
            socket.bind(new InetSocketAddress(port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
