package vn.phoihop.auth.user.web;

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
import vn.phoihop.auth.unit.UnitTree;
import vn.phoihop.auth.user.CreatedUser;
import vn.phoihop.auth.user.NewUser;
import vn.phoihop.auth.user.StoredUser;
import vn.phoihop.auth.user.UserRegistry;
import vn.phoihop.auth.user.UserStore;
import vn.phoihop.auth.web.AdminScope;
import vn.phoihop.auth.web.Pages;
import vn.phoihop.auth.web.Pages.Page;
import vn.phoihop.platform.web.ApiException;

/**
 * The admin API for users, shaped as the one for clients and bounded the same way ({@link AdminScope}). Only tokens
 * with role {@code ADMIN} get here.
 */
@RestController
@RequestMapping("/api/v1/users")
class UsersController {

    private static final Logger log = LoggerFactory.getLogger(UsersController.class);

    private final UserRegistry registry;
    private final UnitTree units;

    UsersController(UserRegistry registry, UnitTree units) {
        this.registry = registry;
        this.units = units;
    }

    @PostMapping
    ResponseEntity<CreatedUserView> create(@RequestBody UserRequest request, @AuthenticationPrincipal Jwt caller) {
        NewUser user = request.toNewUser();
        AdminScope.of(caller, units).requireGrantable(user.profile());
        CreatedUser created;
        try {
            created = registry.create(user);
        } catch (UserStore.DuplicateUsername e) {
            throw ApiException.conflict(e.getMessage());
        }
        StoredUser u = created.user();
        log.info("User {} ({}) created by {} with roles {}, agency {}, unit {}, permissions {}", u.id(), u.username(),
                caller.getSubject(), u.profile().roles(), u.profile().agency(), u.profile().unitId(), u.profile().permissions());
        return ResponseEntity.created(URI.create("/api/v1/users/" + u.id()))
                .cacheControl(CacheControl.noStore()) // the password must not stay in any cache
                .body(CreatedUserView.of(created));
    }

    @GetMapping
    Page<UserView> list(@RequestParam(required = false) Integer limit, @RequestParam(required = false) String cursor,
            @AuthenticationPrincipal Jwt caller) {
        Set<String> scope = AdminScope.of(caller, units).units();
        return Pages.page(limit, cursor, (after, n) -> registry.page(after, n, scope), UserView::of, UserView::id);
    }

    @GetMapping("/{id}")
    UserView get(@PathVariable String id, @AuthenticationPrincipal Jwt caller) {
        return UserView.of(managed(id, caller));
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@PathVariable String id, @AuthenticationPrincipal Jwt caller) {
        if (!registry.delete(managed(id, caller).id())) {
            throw ApiException.notFound("User", id);
        }
        log.info("User {} deleted by {}", id, caller.getSubject());
        return ResponseEntity.status(HttpStatus.NO_CONTENT).build();
    }

    /** A user inside the caller's scope; any other is answered as one that does not exist. */
    private StoredUser managed(String id, Jwt caller) {
        AdminScope scope = AdminScope.of(caller, units);
        return registry.find(id).filter(u -> scope.manages(u.profile())).orElseThrow(() -> ApiException.notFound("User", id));
    }
}
