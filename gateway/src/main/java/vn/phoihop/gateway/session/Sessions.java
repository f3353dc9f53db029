package vn.phoihop.gateway.session;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.oauth2.core.OAuth2AuthorizationException;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.jwt.Jwt;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Opening, using and ending sessions: the store is the sync driver, called off the event loop. A session whose
 * access token is near its end gets new tokens first; a refresh that auth-server refuses (the person was deleted,
 * the refresh token revoked or already rotated by another gateway) ends the session, unless another request
 * refreshed it meanwhile.
 */
final class Sessions {

    private static final Logger log = LoggerFactory.getLogger(Sessions.class);

    /** Why a request with a cookie gets no session. */
    static final class Ended extends RuntimeException {
        Ended() {
            super("The session has ended", null, false, false);
        }
    }

    /** auth-server could not be reached to refresh a token that has run out. */
    static final class Unavailable extends RuntimeException {
        Unavailable() {
            super("auth-server is unavailable", null, false, false);
        }
    }

    private final SessionStore store;
    private final AuthServerClient authServer;
    private final SessionProperties properties;
    private final Map<String, Mono<PersonSession>> refreshing = new ConcurrentHashMap<>();

    Sessions(SessionStore store, AuthServerClient authServer, SessionProperties properties) {
        this.store = store;
        this.authServer = authServer;
        this.properties = properties;
    }

    Instant now() {
        return authServer.clock().instant();
    }

    /** A new session for what auth-server issued; answers the new cookie's value. */
    Mono<String> open(AuthServerClient.Issued issued) {
        String cookie = SessionCookie.newValue();
        Instant now = now();
        Jwt jwt = issued.access();
        var session = new PersonSession(SessionCookie.id(cookie), jwt.getSubject(), AuthServerClient.strings(jwt, "roles"),
                jwt.getClaimAsString("agency"), jwt.getClaimAsString("unitId"),
                AuthServerClient.strings(jwt, "permissions"), issued.tokens(), 0, SessionCookie.random(), now, now,
                now.plus(properties.absoluteTimeout()));
        return blocking(() -> {
            store.insert(cookie, session);
            return cookie;
        });
    }

    /** The live session of this cookie, with a fresh access token, kept alive; {@link Ended} if there is none. */
    Mono<PersonSession> use(String cookie) {
        return find(cookie)
                .flatMap(session -> session.needsRefresh(now(), properties.refreshBefore())
                        ? refreshing.computeIfAbsent(session.id(), id -> refresh(cookie, session)
                                .doFinally(signal -> refreshing.remove(id)).cache())
                        : Mono.just(session))
                .flatMap(session -> {
                    PersonSession seen = session.seenAt(now());
                    // one write a minute at most keeps an idle session alive
                    if (seen.lastSeenAt().isBefore(session.lastSeenAt().plusSeconds(60))) {
                        return Mono.just(session);
                    }
                    return blocking(() -> {
                        store.touch(seen);
                        return seen;
                    });
                });
    }

    /** Ends the session here and its tokens at auth-server; answers the ended session's ID token (or nothing). */
    Mono<Optional<String>> end(String cookie) {
        return find(cookie)
                .flatMap(session -> blocking(() -> {
                    store.delete(cookie);
                    return session;
                }))
                .flatMap(session -> authServer.revoke(session.tokens().refresh())
                        .thenReturn(Optional.ofNullable(emptyToNull(session.tokens().id()))));
    }

    private Mono<PersonSession> find(String cookie) {
        if (cookie == null || cookie.isEmpty()) {
            return Mono.error(new Ended());
        }
        return blocking(() -> store.find(cookie, now()).orElseThrow(Ended::new));
    }

    private Mono<PersonSession> refresh(String cookie, PersonSession session) {
        if (session.tokens().refresh() == null || session.tokens().refresh().isEmpty()) {
            return expiredUnlessStillValid(session);
        }
        return authServer.refresh(session.tokens())
                .flatMap(issued -> {
                    Jwt jwt = issued.access();
                    var refreshed = new PersonSession(session.id(), jwt.getSubject(), AuthServerClient.strings(jwt, "roles"),
                            jwt.getClaimAsString("agency"), jwt.getClaimAsString("unitId"),
                            AuthServerClient.strings(jwt, "permissions"), issued.tokens(), session.version() + 1,
                            session.csrfToken(), session.createdAt(), session.lastSeenAt(), session.absoluteExpiresAt());
                    return blocking(() -> store.replaceTokens(cookie, session.version(), refreshed)
                            ? refreshed : store.find(cookie, now()).orElseThrow(Ended::new));
                })
                .onErrorResume(OAuth2AuthorizationException.class, e -> {
                    if (!OAuth2ErrorCodes.INVALID_GRANT.equals(e.getError().getErrorCode())) {
                        log.warn("auth-server refused to refresh a session's token: {}", e.getError().getErrorCode());
                        return expiredUnlessStillValid(session);
                    }
                    // another gateway or request may have rotated the refresh token first: then its tokens are ours
                    return blocking(() -> store.find(cookie, now())
                            .filter(current -> current.version() != session.version())
                            .orElseGet(() -> {
                                store.delete(cookie);
                                throw new Ended();
                            }));
                })
                .onErrorResume(e -> !(e instanceof Ended), e -> {
                    log.warn("Refreshing a session's token failed: {}", e.getClass().getSimpleName());
                    return expiredUnlessStillValid(session);
                });
    }

    private Mono<PersonSession> expiredUnlessStillValid(PersonSession session) {
        return session.tokens().accessExpiresAt().isAfter(now()) ? Mono.just(session) : Mono.error(new Unavailable());
    }

    private static <T> Mono<T> blocking(java.util.concurrent.Callable<T> work) {
        return Mono.fromCallable(work).subscribeOn(Schedulers.boundedElastic());
    }

    private static String emptyToNull(String text) {
        return text == null || text.isEmpty() ? null : text;
    }
}
