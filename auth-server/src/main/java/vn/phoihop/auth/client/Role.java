package vn.phoihop.auth.client;

/** What a client may do in phoihop; the {@code roles} claim, which services turn into {@code ROLE_*}. */
public enum Role {
    ADMIN, PROGRAM_MANAGER, UNIT_OFFICER, VIEWER, PARTNER
}
