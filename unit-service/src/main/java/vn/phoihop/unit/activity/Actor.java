package vn.phoihop.unit.activity;

import vn.phoihop.unit.scope.Scope;

/**
 * Who asks, from the token: its subject, the agency it acts for ({@code null} if the token names none) and the
 * units it may see and change.
 */
public record Actor(String subject, Agency agency, Scope scope) {
}
