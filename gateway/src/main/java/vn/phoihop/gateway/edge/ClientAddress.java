package vn.phoihop.gateway.edge;

import java.net.InetSocketAddress;
import org.springframework.web.server.ServerWebExchange;

/** The address of the peer the gateway talks to; never taken from a header, which a client could write. */
final class ClientAddress {

    private ClientAddress() {
    }

    static String of(ServerWebExchange exchange) {
        InetSocketAddress peer = exchange.getRequest().getRemoteAddress();
        return peer == null || peer.getAddress() == null ? "unknown" : peer.getAddress().getHostAddress();
    }
}
