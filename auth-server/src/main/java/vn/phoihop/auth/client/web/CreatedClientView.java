package vn.phoihop.auth.client.web;

import java.util.List;
import vn.phoihop.auth.client.CreatedClient;

/** The answer to a creation: the one response that carries the secret. */
record CreatedClientView(String clientId, String clientSecret, String name, List<String> roles, String unitId,
        String agency, List<String> permissions) {

    static CreatedClientView of(CreatedClient created) {
        var c = created.client();
        return new CreatedClientView(c.clientId(), created.secret(), c.name(), c.profile().roles(), c.profile().unitId(),
                c.profile().agency(), c.profile().permissions());
    }

    @Override
    public String toString() {
        return "CreatedClientView[clientId=" + clientId + "]";
    }
}
