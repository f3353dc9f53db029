package vn.phoihop.gateway.stream;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientResponseException;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Where a unit hangs in today's tree, asked of unit-service with the caller's own token: the stream needs it to
 * check a {@code unitId=} filter against the caller's scope, and to know the caller's ancestors. unit-service
 * applies its own scope rules, so a unit the caller may not see answers 404, which here means "outside".
 */
public class UnitDirectory {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final WebClient units;

    public UnitDirectory(String unitServiceUri) {
        this.units = WebClient.create(unitServiceUri);
    }

    /** The unit's ancestor ids, root first; empty if unit-service does not show it to this caller. */
    public Mono<Optional<List<String>>> ancestorsOf(String unitId, String bearerToken) {
        return units.get().uri("/api/v1/units/{id}", unitId)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + bearerToken)
                .retrieve()
                .bodyToMono(String.class)
                .timeout(Duration.ofSeconds(5))
                .map(body -> Optional.of(ancestorIds(JSON.readTree(body))))
                .onErrorResume(WebClientResponseException.class, e -> e.getStatusCode().is4xxClientError()
                        ? Mono.just(Optional.empty())
                        : unavailable(e))
                .onErrorResume(e -> !(e instanceof ResponseStatusException), UnitDirectory::unavailable);
    }

    private static List<String> ancestorIds(JsonNode unit) {
        var ids = new ArrayList<String>();
        unit.path("ancestorIds").forEach(id -> ids.add(id.asString()));
        return ids;
    }

    private static <T> Mono<T> unavailable(Throwable cause) {
        return Mono.error(new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE,
                "Units cannot be looked up right now; try again shortly", cause));
    }
}
