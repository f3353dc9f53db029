package vn.phoihop.platform.security;

/** The roles a token's {@code roles} claim may hold; the role × action matrix is in docs/security.md. */
public enum Role {
    ADMIN, PROGRAM_MANAGER, UNIT_OFFICER, VIEWER, PARTNER;

    /** The Spring Security authority name, as {@link ResourceServerSecurity#rolesConverter()} makes it. */
    public String authority() {
        return "ROLE_" + name();
    }
}
