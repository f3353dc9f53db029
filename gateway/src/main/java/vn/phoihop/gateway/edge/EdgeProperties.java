package vn.phoihop.gateway.edge;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the edge protections, {@code phoihop.gateway.*}.
 *
 * @param rateLimit each client's token bucket
 * @param cors the browser origins allowed to call the API (none by default)
 */
@ConfigurationProperties("phoihop.gateway")
public record EdgeProperties(RateLimit rateLimit, Cors cors) {

    public EdgeProperties {
        rateLimit = rateLimit == null ? new RateLimit(0, 0, 0) : rateLimit;
        cors = cors == null ? new Cors(List.of()) : cors;
    }

    /**
     * @param requestsPerSecond how fast a client's bucket refills (its sustained rate)
     * @param burst how many requests a client may make at once, from a full bucket
     * @param maxClients buckets kept in memory; the least recently seen client is forgotten first
     */
    public record RateLimit(double requestsPerSecond, int burst, int maxClients) {

        public RateLimit {
            requestsPerSecond = requestsPerSecond <= 0 ? 300 : requestsPerSecond;
            burst = burst <= 0 ? 500 : burst;
            maxClients = maxClients <= 0 ? 100_000 : maxClients;
        }
    }

    /** @param allowedOrigins exact origins such as {@code https://dashboard.phoihop.vn} */
    public record Cors(List<String> allowedOrigins) {

        public Cors {
            allowedOrigins = allowedOrigins == null ? List.of() : List.copyOf(allowedOrigins);
        }
    }
}
