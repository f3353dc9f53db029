package vn.phoihop.gateway.webhook;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import vn.phoihop.gateway.problem.ApiProblem;

/**
 * Whether a unit lies inside the caller's scope, asked of unit-service with the caller's own token: unit-service
 * answers a lookup outside the scope with 404, so the gateway keeps no copy of the tree and cannot disagree with it.
 */
class UnitScopeCheck {

    private final WebClient units;

    UnitScopeCheck(WebClient.Builder builder, String unitServiceUri) {
        this.units = builder.baseUrl(unitServiceUri).build();
    }

    /** Completes empty when the caller may see {@code unitId}; else a 403 (or 503 when unit-service is away). */
    Mono<Void> requireVisible(String unitId, String authorization) {
        return units.get().uri("/api/v1/units/{id}", unitId).header(HttpHeaders.AUTHORIZATION, authorization)
                .exchangeToMono(response -> {
                    if (response.statusCode().is2xxSuccessful()) {
                        return response.releaseBody();
                    }
                    if (response.statusCode().value() == 404) {
                        return response.releaseBody().then(Mono.error(new ApiProblem(HttpStatus.FORBIDDEN,
                                "unitId " + unitId + " is not a unit inside your scope")));
                    }
                    return response.releaseBody().then(Mono.error(new ApiProblem(HttpStatus.SERVICE_UNAVAILABLE,
                            "The unit could not be checked; try again shortly")));
                })
                .onErrorMap(e -> !(e instanceof ApiProblem), e -> new ApiProblem(HttpStatus.SERVICE_UNAVAILABLE,
                        "The unit could not be checked; try again shortly"));
    }
}
