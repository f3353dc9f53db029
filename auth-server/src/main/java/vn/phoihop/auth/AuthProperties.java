package vn.phoihop.auth;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the authorization server, bound from {@code phoihop.auth.*} (see application.yml for
 * the environment variables behind them).
 *
 * @param issuerUri the {@code iss} of every token, fixed so that it does not depend on the host name
 *     a request came in by (tokens are usually fetched through the gateway)
 * @param accessTokenTtl lifetime of an access token
 * @param adminClientSecret the {@code admin} client's secret when given by the operator; blank otherwise
 * @param dataDir where the admin secret and the key-encryption secret are kept ({@code $PHOIHOP_DATA})
 * @param keyEncryptionSecret encrypts the signing keys' private parts in MongoDB; blank: read from (or
 *     generated into) {@code $PHOIHOP_DATA/key-encryption-secret}
 * @param signingKeyOverlap how long a key replaced by a rotation stays published, so tokens it signed still
 *     validate; at least {@code accessTokenTtl} (default: that plus a minute of clock skew)
 * @param dashboard the public client people sign in through
 * @param web the gateway's confidential client for the web app (sign-in as a backend for frontend)
 */
@ConfigurationProperties("phoihop.auth")
public record AuthProperties(String issuerUri, Duration accessTokenTtl, String adminClientSecret, Path dataDir,
        String keyEncryptionSecret, Duration signingKeyOverlap, Dashboard dashboard, Web web) {

    public AuthProperties {
        issuerUri = issuerUri == null ? "http://localhost:9000" : issuerUri;
        accessTokenTtl = accessTokenTtl == null ? Duration.ofMinutes(15) : accessTokenTtl;
        dataDir = dataDir == null ? Path.of(".data") : dataDir;
        signingKeyOverlap = signingKeyOverlap == null ? accessTokenTtl.plusMinutes(1) : signingKeyOverlap;
        if (signingKeyOverlap.compareTo(accessTokenTtl) < 0) {
            throw new IllegalArgumentException("phoihop.auth.signing-key-overlap (" + signingKeyOverlap
                    + ") must be at least phoihop.auth.access-token-ttl (" + accessTokenTtl
                    + "), or tokens signed before a rotation would stop validating before they expire");
        }
        dashboard = dashboard == null ? new Dashboard(null) : dashboard;
        web = web == null ? new Web(null, null, null, null) : web;
    }

    /**
     * The {@code dashboard} client: public (no secret), authorization code with PKCE only.
     *
     * @param redirectUris where the code may be sent; matched exactly. A loopback address must be an IP
     *     literal ({@code 127.0.0.1}), not {@code localhost} (OAuth 2.1)
     */
    public record Dashboard(List<String> redirectUris) {
        public Dashboard {
            redirectUris = redirectUris == null || redirectUris.isEmpty()
                    ? List.of("http://127.0.0.1:8080/dashboard/callback") : List.copyOf(redirectUris);
        }
    }

    /**
     * The {@code web} client: the gateway signing people in for the web app, confidential.
     *
     * @param clientSecret its secret; blank: the client is not registered (there is no default)
     * @param redirectUris where the code may be sent, matched exactly
     * @param postLogoutRedirectUris where the end-session endpoint may send the browser back to, matched exactly
     * @param refreshTokenTtl how long a refresh token lives: at least the gateway's absolute session lifetime
     */
    public record Web(String clientSecret, List<String> redirectUris, List<String> postLogoutRedirectUris,
            Duration refreshTokenTtl) {
        public Web {
            refreshTokenTtl = refreshTokenTtl == null ? Duration.ofHours(12) : refreshTokenTtl;
            redirectUris = redirectUris == null || redirectUris.isEmpty()
                    ? List.of("http://localhost:8080/auth/callback", "http://127.0.0.1:8080/auth/callback")
                    : List.copyOf(redirectUris);
            postLogoutRedirectUris = postLogoutRedirectUris == null || postLogoutRedirectUris.isEmpty()
                    ? List.of("http://localhost:8080/", "http://127.0.0.1:8080/") : List.copyOf(postLogoutRedirectUris);
        }

        public boolean registered() {
            return clientSecret != null && !clientSecret.isBlank();
        }

        @Override
        public String toString() {
            return "Web[clientSecret=" + shown(clientSecret) + ", redirectUris=" + redirectUris
                    + ", postLogoutRedirectUris=" + postLogoutRedirectUris + ", refreshTokenTtl=" + refreshTokenTtl + "]";
        }
    }

    /** Keeps the secrets out of any accidental {@code toString()} in logs or error messages. */
    @Override
    public String toString() {
        return "AuthProperties[issuerUri=" + issuerUri + ", accessTokenTtl=" + accessTokenTtl
                + ", adminClientSecret=" + shown(adminClientSecret) + ", dataDir=" + dataDir
                + ", keyEncryptionSecret=" + shown(keyEncryptionSecret) + ", signingKeyOverlap=" + signingKeyOverlap
                + ", dashboard=" + dashboard + ", web=" + web + "]";
    }

    private static String shown(String secret) {
        return secret == null || secret.isBlank() ? "<none>" : "<set>";
    }
}
