package vn.phoihop.auth.client.web;

import java.time.Instant;
import java.util.List;
import vn.phoihop.auth.client.StoredClient;

/** A client in a list or a lookup: never its secret, not even its hash. */
record ClientView(String clientId, String name, List<String> roles, String unitId, String agency,
        List<String> permissions, Instant createdAt) {

    static ClientView of(StoredClient c) {
        return new ClientView(c.clientId(), c.name(), c.profile().roles(), c.profile().unitId(), c.profile().agency(),
                c.profile().permissions(), c.createdAt());
    }
}
