package vn.phoihop.auth.client.web;

import java.net.URI;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
import vn.phoihop.auth.client.ClientRegistry;
import vn.phoihop.auth.client.ClientStore;
import vn.phoihop.auth.client.CreatedClient;
import vn.phoihop.auth.client.NewClient;
import vn.phoihop.auth.client.StoredClient;
import vn.phoihop.auth.unit.UnitTree;
import vn.phoihop.auth.web.AdminScope;
import vn.phoihop.auth.web.Pages;
import vn.phoihop.auth.web.Pages.Page;
import vn.phoihop.platform.web.ApiException;

/**
 * The admin API for clients. Only tokens with role {@code ADMIN} get here (see SecurityConfig), and each within
 * its own bounds ({@link AdminScope}); the configured {@code admin} client is not among the stored ones, so it can
 * be neither listed nor deleted.
 */
@RestController
@RequestMapping("/api/v1/clients")
class ClientsController {

    private static final Logger log = LoggerFactory.getLogger(ClientsController.class);

    private final ClientRegistry registry;
    private final UnitTree units;

    ClientsController(ClientRegistry registry, UnitTree units) {
        this.registry = registry;
        this.units = units;
    }

    @PostMapping
    ResponseEntity<CreatedClientView> create(@RequestBody ClientRequest request, @AuthenticationPrincipal Jwt caller) {
        NewClient client = request.toNewClient();
        AdminScope.of(caller, units).requireGrantable(client.profile());
        CreatedClient created;
        try {
            created = registry.create(client);
        } catch (ClientStore.DuplicateName e) {
            throw ApiException.conflict(e.getMessage());
        }
        StoredClient c = created.client();
        log.info("Client {} created by {} with roles {}, agency {}, unit {}, permissions {}", c.clientId(),
                caller.getSubject(), c.profile().roles(), c.profile().agency(), c.profile().unitId(), c.profile().permissions());
        return ResponseEntity.created(URI.create("/api/v1/clients/" + c.clientId()))
                .cacheControl(CacheControl.noStore()) // the secret must not stay in any cache
                .body(CreatedClientView.of(created));
    }

    @GetMapping
    Page<ClientView> list(@RequestParam(required = false) Integer limit, @RequestParam(required = false) String cursor,
            @AuthenticationPrincipal Jwt caller) {
        Set<String> scope = AdminScope.of(caller, units).units();
        return Pages.page(limit, cursor, (after, n) -> registry.page(after, n, scope), ClientView::of, ClientView::clientId);
    }

    @GetMapping("/{clientId}")
    ClientView get(@PathVariable String clientId, @AuthenticationPrincipal Jwt caller) {
        return ClientView.of(managed(clientId, caller));
    }

    @DeleteMapping("/{clientId}")
    ResponseEntity<Void> delete(@PathVariable String clientId, @AuthenticationPrincipal Jwt caller) {
        if (!registry.delete(managed(clientId, caller).clientId())) {
            throw ApiException.notFound("Client", clientId);
        }
        log.info("Client {} deleted by {}", clientId, caller.getSubject());
        return ResponseEntity.status(HttpStatus.NO_CONTENT).build();
    }

    /** A client inside the caller's scope; any other is answered as one that does not exist. */
    private StoredClient managed(String clientId, Jwt caller) {
        AdminScope scope = AdminScope.of(caller, units);
        return registry.find(clientId).filter(c -> scope.manages(c.profile()))
                .orElseThrow(() -> ApiException.notFound("Client", clientId));
    }
}
