package vn.phoihop.unit.activity;

/**
 * Who asks, from the token: its subject, the agency it acts for ({@code null} if the token names none) and the unit
 * whose subtree it is bound to ({@code null}: national scope).
 */
public record Actor(String subject, Agency agency, String scopeUnitId) {
}
