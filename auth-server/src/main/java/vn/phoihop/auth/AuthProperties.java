package vn.phoihop.auth;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the authorization server, bound from {@code phoihop.auth.*} (see application.yml for
 * the environment variables behind them).
 *
 * @param issuerUri the {@code iss} of every token, fixed so that it does not depend on the host name
 *     a request came in by (tokens are usually fetched through the gateway)
 * @param accessTokenTtl lifetime of an access token
 * @param adminClientSecret the {@code admin} client's secret when given by the operator; blank otherwise
 * @param dataDir where the admin secret and the signing key are kept ({@code $PHOIHOP_DATA})
 */
@ConfigurationProperties("phoihop.auth")
public record AuthProperties(String issuerUri, Duration accessTokenTtl, String adminClientSecret, Path dataDir) {

    public AuthProperties {
        issuerUri = issuerUri == null ? "http://localhost:9000" : issuerUri;
        accessTokenTtl = accessTokenTtl == null ? Duration.ofMinutes(15) : accessTokenTtl;
        dataDir = dataDir == null ? Path.of(".data") : dataDir;
    }

    /** Keeps the secret out of any accidental {@code toString()} in logs or error messages. */
    @Override
    public String toString() {
        return "AuthProperties[issuerUri=" + issuerUri + ", accessTokenTtl=" + accessTokenTtl
                + ", adminClientSecret=" + (adminClientSecret == null || adminClientSecret.isBlank() ? "<none>" : "<set>")
                + ", dataDir=" + dataDir + "]";
    }
}
