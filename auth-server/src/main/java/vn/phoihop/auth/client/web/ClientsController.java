package vn.phoihop.auth.client.web;

import java.net.URI;
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
import vn.phoihop.auth.client.StoredClient;
import vn.phoihop.auth.web.Pages;
import vn.phoihop.auth.web.Pages.Page;
import vn.phoihop.platform.web.ApiException;

/**
 * The admin API for clients. Only tokens with role {@code ADMIN} get here (see SecurityConfig); the
 * configured {@code admin} client is not among the stored ones, so it can be neither listed nor deleted.
 */
@RestController
@RequestMapping("/api/v1/clients")
class ClientsController {

    private static final Logger log = LoggerFactory.getLogger(ClientsController.class);

    private final ClientRegistry registry;

    ClientsController(ClientRegistry registry) {
        this.registry = registry;
    }

    @PostMapping
    ResponseEntity<CreatedClientView> create(@RequestBody ClientRequest request, @AuthenticationPrincipal Jwt caller) {
        CreatedClient created;
        try {
            created = registry.create(request.toNewClient());
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
    Page<ClientView> list(@RequestParam(required = false) Integer limit, @RequestParam(required = false) String cursor) {
        return Pages.page(limit, cursor, registry::page, ClientView::of, ClientView::clientId);
    }

    @GetMapping("/{clientId}")
    ClientView get(@PathVariable String clientId) {
        return registry.find(clientId).map(ClientView::of).orElseThrow(() -> ApiException.notFound("Client", clientId));
    }

    @DeleteMapping("/{clientId}")
    ResponseEntity<Void> delete(@PathVariable String clientId, @AuthenticationPrincipal Jwt caller) {
        if (!registry.delete(clientId)) {
            throw ApiException.notFound("Client", clientId);
        }
        log.info("Client {} deleted by {}", clientId, caller.getSubject());
        return ResponseEntity.status(HttpStatus.NO_CONTENT).build();
    }
}
