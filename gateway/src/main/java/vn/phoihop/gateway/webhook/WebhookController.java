package vn.phoihop.gateway.webhook;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import vn.phoihop.gateway.problem.ApiProblem;
import vn.phoihop.gateway.stream.UnitDirectory;

/**
 * Partners' webhooks: register, list, read, delete, rotate the secret, read the delivery log, redeliver. Role
 * PARTNER or ADMIN (the security chain decides); each sees only the webhooks it registered (by its whole {@code sub},
 * so a person's {@code user:} subject never matches a client's), a national admin all of them. An admin bound to a
 * unit has only its own, as a partner: others' webhooks may cover more than its subtree.
 * MongoDB is called off the event loop.
 */
@RestController
@RequestMapping(path = "/api/v1/webhooks", produces = "application/json")
class WebhookController {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Pattern DELIVERY_ID = Pattern.compile("\\d{13}-[A-Za-z0-9_-]{1,64}");

    private final WebhookStore webhooks;
    private final DeliveryStore deliveries;
    private final TargetPolicy policy;
    private final UnitDirectory units;
    private final WebhookProperties properties;
    private final Clock clock;

    WebhookController(WebhookStore webhooks, DeliveryStore deliveries, TargetPolicy policy, UnitDirectory units,
            WebhookProperties properties, Clock clock) {
        this.webhooks = webhooks;
        this.deliveries = deliveries;
        this.policy = policy;
        this.units = units;
        this.properties = properties;
        this.clock = clock;
    }

    @PostMapping(consumes = "application/json")
    Mono<ResponseEntity<WebhookViews.Registered>> register(@RequestBody Registration registration,
            @AuthenticationPrincipal Jwt caller) {
        return blocking(() -> registration.validate(policy))
                .flatMap(types -> requireVisible(registration.unitId(), caller).then(Mono.just(types)))
                .flatMap(types -> blocking(() -> {
                    Instant now = clock.instant();
                    SigningSecret secret = SigningSecret.generate(now);
                    Webhook webhook = new Webhook(UUID.randomUUID().toString(), caller.getSubject(), unitScope(caller),
                            registration.url(), types, registration.programId(), registration.unitId(), List.of(secret),
                            now);
                    webhooks.insert(webhook);
                    return ResponseEntity.created(URI.create("/api/v1/webhooks/" + webhook.id()))
                            .cacheControl(CacheControl.noStore())
                            .body(WebhookViews.registered(webhook, secret));
                }));
    }

    @GetMapping
    Mono<WebhookViews.Page<WebhookViews.View>> list(@RequestParam(defaultValue = "50") int limit,
            @RequestParam(required = false) String cursor, @AuthenticationPrincipal Jwt caller) {
        int size = limit(limit);
        String after = decodeCursor(cursor);
        return blocking(() -> {
            List<Webhook> page = webhooks.page(isNationalAdmin(caller) ? null : caller.getSubject(), after, size);
            return new WebhookViews.Page<>(page.stream().map(WebhookViews::view).toList(),
                    page.size() == size ? encodeCursor(page.get(page.size() - 1).id()) : null);
        });
    }

    @GetMapping("/{id}")
    Mono<WebhookViews.View> read(@PathVariable String id, @AuthenticationPrincipal Jwt caller) {
        return blocking(() -> WebhookViews.view(visible(id, caller)));
    }

    @DeleteMapping("/{id}")
    Mono<ResponseEntity<Void>> delete(@PathVariable String id, @AuthenticationPrincipal Jwt caller) {
        return blocking(() -> {
            webhooks.delete(visible(id, caller).id());
            return ResponseEntity.noContent().<Void>build();
        });
    }

    /** A new secret signs from now on; the old one also signs until the overlap has passed. */
    @PostMapping("/{id}/secret/rotate")
    Mono<ResponseEntity<WebhookViews.Rotated>> rotate(@PathVariable String id, @AuthenticationPrincipal Jwt caller) {
        return blocking(() -> {
            Instant now = clock.instant();
            SigningSecret fresh = SigningSecret.generate(now);
            Instant retires = now.plus(properties.secretOverlap());
            webhooks.rotate(visible(id, caller), fresh, retires);
            return ResponseEntity.ok().cacheControl(CacheControl.noStore())
                    .body(new WebhookViews.Rotated(fresh.value(), retires));
        });
    }

    @GetMapping("/{id}/deliveries")
    Mono<WebhookViews.Page<WebhookViews.DeliveryView>> deliveries(@PathVariable String id,
            @RequestParam(required = false) String status, @RequestParam(defaultValue = "50") int limit,
            @RequestParam(required = false) String cursor, @AuthenticationPrincipal Jwt caller) {
        int size = limit(limit);
        String after = decodeCursor(cursor);
        Delivery.Status wanted = status(status);
        return blocking(() -> {
            Webhook webhook = visible(id, caller);
            List<Delivery> page = deliveries.page(webhook.id(), wanted, after, size);
            return new WebhookViews.Page<>(page.stream().map(WebhookViews::delivery).toList(),
                    page.size() == size ? encodeCursor(page.get(page.size() - 1).id()) : null);
        });
    }

    @PostMapping("/{id}/deliveries/{deliveryId}/redeliver")
    Mono<ResponseEntity<WebhookViews.DeliveryView>> redeliver(@PathVariable String id, @PathVariable String deliveryId,
            @AuthenticationPrincipal Jwt caller) {
        if (!DELIVERY_ID.matcher(deliveryId).matches()) {
            return Mono.error(new ApiProblem(HttpStatus.NOT_FOUND, "No such delivery of this webhook"));
        }
        return blocking(() -> {
            Webhook webhook = visible(id, caller);
            String full = webhook.id() + "/" + deliveryId;
            if (deliveries.find(full).isEmpty()) {
                throw new ApiProblem(HttpStatus.NOT_FOUND, "No such delivery of this webhook");
            }
            deliveries.redeliver(full, clock.instant());
            return ResponseEntity.accepted().body(WebhookViews.delivery(deliveries.find(full).orElseThrow()));
        });
    }

    /** A {@code unitId} filter must name a unit the caller may see: unit-service answers that, with the caller's token. */
    private Mono<Void> requireVisible(String unitId, Jwt caller) {
        if (unitId == null) {
            return Mono.empty();
        }
        return units.ancestorsOf(unitId, caller.getTokenValue()).flatMap(found -> found.isPresent() ? Mono.<Void>empty()
                : Mono.error(new ApiProblem(HttpStatus.FORBIDDEN, "unitId " + unitId + " is not a unit inside your scope")));
    }

    /** The caller's own webhook (any, for a national admin); anything else is 404, so ids of others are not disclosed. */
    private Webhook visible(String id, Jwt caller) {
        if (!ID.matcher(id).matches()) {
            throw new ApiProblem(HttpStatus.NOT_FOUND, "No such webhook");
        }
        return webhooks.find(id).filter(w -> isNationalAdmin(caller) || w.owner().equals(caller.getSubject()))
                .orElseThrow(() -> new ApiProblem(HttpStatus.NOT_FOUND, "No such webhook"));
    }

    /** Role ADMIN and no {@code unitId}: the whole country is its scope. */
    private static boolean isNationalAdmin(Jwt caller) {
        List<String> roles = caller.getClaimAsStringList("roles");
        return roles != null && roles.contains("ADMIN") && unitScope(caller) == null;
    }

    private static String unitScope(Jwt caller) {
        Object unit = caller.getClaims().get("unitId");
        return unit instanceof String id && !id.isBlank() ? id : null;
    }

    private static int limit(int limit) {
        if (limit < 1 || limit > 500) {
            throw new ApiProblem(HttpStatus.BAD_REQUEST, "limit must be between 1 and 500",
                    List.of(new ApiProblem.FieldError("limit", "must be between 1 and 500")));
        }
        return limit;
    }

    private static Delivery.Status status(String status) {
        if (status == null) {
            return null;
        }
        for (Delivery.Status known : Delivery.Status.values()) {
            if (known.name().equals(status)) {
                return known;
            }
        }
        throw new ApiProblem(HttpStatus.BAD_REQUEST, "status must be one of PENDING, DELIVERED, FAILED",
                List.of(new ApiProblem.FieldError("status", "must be one of PENDING, DELIVERED, FAILED")));
    }

    private static String encodeCursor(String lastId) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(lastId.getBytes(StandardCharsets.UTF_8));
    }

    private static String decodeCursor(String cursor) {
        if (cursor == null) {
            return null;
        }
        try {
            String id = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (id.matches("[A-Za-z0-9_/-]{1,200}")) {
                return id;
            }
        } catch (IllegalArgumentException e) {
            // falls through to the 400
        }
        throw new ApiProblem(HttpStatus.BAD_REQUEST, "cursor is not one this list gave out",
                List.of(new ApiProblem.FieldError("cursor", "is not a cursor of this list")));
    }

    private static <T> Mono<T> blocking(Callable<T> work) {
        return Mono.fromCallable(work).subscribeOn(Schedulers.boundedElastic());
    }
}
