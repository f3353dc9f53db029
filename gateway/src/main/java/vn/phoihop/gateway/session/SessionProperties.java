package vn.phoihop.gateway.session;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Sign-in for the web app, bound from {@code phoihop.gateway.session.*} (application.yml names the environment
 * variables behind them).
 *
 * @param clientSecret the secret of auth-server's {@code web} client; blank: signing in is off (no default)
 * @param tokenUri auth-server's token endpoint, called by the gateway itself
 * @param revocationUri auth-server's revocation endpoint, called at sign-out
 * @param authorizationUri where the browser is sent to sign in (relative: through the gateway's own route)
 * @param endSessionUri auth-server's OIDC end-session endpoint, where the browser goes after signing out
 * @param publicOrigin the origin people reach the gateway by ({@code https://phoihop.example}); blank: the
 *     request's own, which is right when nothing in front of the gateway rewrites the scheme or host
 * @param idleTimeout a session unused this long ends
 * @param absoluteTimeout a session ends this long after signing in, used or not
 * @param loginTimeout how long a started sign-in may take to come back to the callback
 * @param refreshBefore the person's access token is refreshed when it has less than this left
 */
@ConfigurationProperties("phoihop.gateway.session")
public record SessionProperties(String clientSecret, String tokenUri, String revocationUri, String authorizationUri,
        String endSessionUri, String publicOrigin, Duration idleTimeout, Duration absoluteTimeout,
        Duration loginTimeout, Duration refreshBefore) {

    public static final String CLIENT_ID = "web";

    public SessionProperties {
        tokenUri = orDefault(tokenUri, "http://localhost:9000/oauth2/token");
        revocationUri = orDefault(revocationUri, "http://localhost:9000/oauth2/revoke");
        authorizationUri = orDefault(authorizationUri, "/oauth2/authorize");
        endSessionUri = orDefault(endSessionUri, "/connect/logout");
        publicOrigin = publicOrigin == null || publicOrigin.isBlank() ? null : publicOrigin.replaceAll("/+$", "");
        idleTimeout = idleTimeout == null ? Duration.ofMinutes(30) : idleTimeout;
        absoluteTimeout = absoluteTimeout == null ? Duration.ofHours(12) : absoluteTimeout;
        loginTimeout = loginTimeout == null ? Duration.ofMinutes(10) : loginTimeout;
        refreshBefore = refreshBefore == null ? Duration.ofSeconds(60) : refreshBefore;
        if (idleTimeout.compareTo(absoluteTimeout) > 0) {
            throw new IllegalArgumentException("phoihop.gateway.session.idle-timeout (" + idleTimeout
                    + ") must not exceed absolute-timeout (" + absoluteTimeout + ")");
        }
    }

    public boolean enabled() {
        return clientSecret != null && !clientSecret.isBlank();
    }

    private static String orDefault(String value, String otherwise) {
        return value == null || value.isBlank() ? otherwise : value;
    }

    @Override
    public String toString() {
        return "SessionProperties[clientSecret=" + (enabled() ? "<set>" : "<none>") + ", tokenUri=" + tokenUri
                + ", publicOrigin=" + publicOrigin + ", idleTimeout=" + idleTimeout + ", absoluteTimeout="
                + absoluteTimeout + "]";
    }
}
