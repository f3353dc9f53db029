package vn.phoihop.unit.activity.web;

import vn.phoihop.platform.security.Caller;
import vn.phoihop.unit.activity.Actor;
import vn.phoihop.unit.activity.Agency;
import vn.phoihop.unit.scope.Scope;

/** The actor a caller is: its subject, auth-server's {@code agency} claim, and its scope. */
final class Actors {

    private Actors() {
    }

    static Actor of(Caller caller, Scope scope) {
        return new Actor(caller.subject(), Agency.ofClaim(caller.agency()), scope);
    }
}
