package vn.phoihop.auth.key.web;

import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import vn.phoihop.auth.key.KeyRing;
import vn.phoihop.auth.key.SigningKey;

/** The admin API for signing keys: what they are doing, and rotation. Never any key material. */
@RestController
@RequestMapping("/api/v1/keys")
class KeysController {

    /** A key as listed. */
    record KeyView(String kid, String status, Instant createdAt, Instant retireAt) {
    }

    record KeyList(List<KeyView> items) {
    }

    private static final Logger log = LoggerFactory.getLogger(KeysController.class);

    private final KeyRing ring;

    KeysController(KeyRing ring) {
        this.ring = ring;
    }

    @GetMapping
    KeyList list() {
        return new KeyList(ring.all().stream().map(this::view).toList());
    }

    @PostMapping("/rotate")
    @ResponseStatus(HttpStatus.CREATED)
    KeyView rotate(@AuthenticationPrincipal Jwt caller) {
        SigningKey key = ring.rotate();
        log.info("Signing keys rotated by {}: {} is now active", caller.getSubject(), key.kid());
        return view(key);
    }

    private KeyView view(SigningKey key) {
        return new KeyView(key.kid(), ring.status(key).name(), key.createdAt(), key.retireAt());
    }
}
