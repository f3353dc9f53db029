package vn.phoihop.gateway.edge;

import java.time.Duration;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the edge protections, {@code phoihop.gateway.*}.
 *
 * @param rateLimit each client's token bucket
 * @param cors the browser origins allowed to call the API (none by default)
 * @param linger how much of an unread request body is read and discarded before a connection is closed
 */
@ConfigurationProperties("phoihop.gateway")
public record EdgeProperties(RateLimit rateLimit, Cors cors, Linger linger) {

    public EdgeProperties {
        rateLimit = rateLimit == null ? new RateLimit(0, 0, 0, null) : rateLimit;
        cors = cors == null ? new Cors(List.of()) : cors;
        linger = linger == null ? new Linger(0, null) : linger;
    }

    /**
     * @param requestsPerSecond how fast a client's bucket refills (its sustained rate)
     * @param burst how many requests a client may make at once, from a full bucket
     * @param maxClients buckets kept in memory; the least recently seen client is forgotten first
     * @param roles other rates for clients whose token carries the role, e.g.
     *     {@code roles.partner.requests-per-second}; what a role leaves out is the default's
     */
    public record RateLimit(double requestsPerSecond, int burst, int maxClients, Roles roles) {

        public RateLimit {
            requestsPerSecond = requestsPerSecond <= 0 ? 300 : requestsPerSecond;
            burst = burst <= 0 ? 500 : burst;
            maxClients = maxClients <= 0 ? 100_000 : maxClients;
            roles = roles == null ? new Roles(null, null, null, null, null) : roles;
        }

        /** The limit of a client with these roles: the most generous of its roles' own, else the default. */
        Limit forRoles(Collection<String> clientRoles) {
            return clientRoles.stream()
                    .map(roles::of)
                    .filter(Objects::nonNull)
                    .map(own -> own.orElse(this))
                    .max(Comparator.comparingDouble(Limit::requestsPerSecond))
                    .orElse(new Limit(requestsPerSecond, burst));
        }
    }

    /**
     * A field per role, not a map, so that environment variables such as
     * {@code PHOIHOP_GATEWAY_RATE_LIMIT_ROLES_PARTNER_BURST} bind (map keys from the environment do not).
     */
    public record Roles(Limit admin, Limit programManager, Limit unitOfficer, Limit viewer, Limit partner) {

        /** The limit set for a token's role name ({@code PARTNER}...), or null. */
        Limit of(String role) {
            return switch (role) {
                case "ADMIN" -> admin;
                case "PROGRAM_MANAGER" -> programManager;
                case "UNIT_OFFICER" -> unitOfficer;
                case "VIEWER" -> viewer;
                case "PARTNER" -> partner;
                default -> null;
            };
        }
    }

    /** One rate; zero parts are taken from the default. */
    public record Limit(double requestsPerSecond, int burst) {

        Limit orElse(RateLimit defaults) {
            return new Limit(requestsPerSecond > 0 ? requestsPerSecond : defaults.requestsPerSecond(),
                    burst > 0 ? burst : defaults.burst());
        }
    }

    /** @param allowedOrigins exact origins such as {@code https://dashboard.phoihop.vn} */
    public record Cors(List<String> allowedOrigins) {

        public Cors {
            allowedOrigins = allowedOrigins == null ? List.of() : List.copyOf(allowedOrigins);
        }
    }

    /**
     * The bound of {@link LingeringClose}: a refused client's body is discarded up to {@code maxBytes} or for
     * {@code maxTime}, whichever comes first (as nginx's lingering close and Tomcat's swallow size).
     */
    public record Linger(long maxBytes, Duration maxTime) {

        public Linger {
            maxBytes = maxBytes <= 0 ? 16L * 1024 * 1024 : maxBytes;
            maxTime = maxTime == null || maxTime.isNegative() || maxTime.isZero() ? Duration.ofSeconds(10) : maxTime;
        }
    }
}
