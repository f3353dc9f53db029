package vn.phoihop.auth.user;

/**
 * The {@code sub} of a person's tokens: {@code user:} and the username. A client's {@code sub} is its client id
 * ({@code admin}, {@code dashboard} or a UUID), which never holds a {@code :} (nor does a username), so no person can
 * ever be taken for a client by whatever compares subjects: webhook owners, rate-limit buckets, audit actors,
 * idempotency keys, the author of an activity (ADR 0009).
 */
public final class UserSubject {

    public static final String PREFIX = "user:";

    private UserSubject() {
    }

    public static String of(String username) {
        return PREFIX + username;
    }
}
