package vn.phoihop.auth.key;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The signing keys, kept in MongoDB so that tokens and the JWKS caches of resource servers survive a restart.
 * The newest key signs; a rotation adds a newer one and gives every older one an end of publication ({@code
 * retireAt} = now + overlap, at least a token's lifetime), so tokens signed just before still validate against
 * the JWKS until they expire. Past it a key is retired: unpublished, its private part deleted.
 *
 * <p>Held in memory and re-read from MongoDB after a rotation and at least every {@link #REFRESH}, so servers
 * sharing the database follow each other's rotations.
 */
public final class KeyRing {

    static final Duration REFRESH = Duration.ofMinutes(1);
    private static final Logger log = LoggerFactory.getLogger(KeyRing.class);

    private final KeyStore store;
    private final KeyEncryption encryption;
    private final Duration overlap;
    private final Clock clock;
    private volatile Loaded loaded;

    /** The keys as last read, newest first, with the time they were read. */
    private record Loaded(List<SigningKey> keys, Instant at) {
    }

    KeyRing(KeyStore store, KeyEncryption encryption, Duration overlap, Clock clock) {
        this.store = store;
        this.encryption = encryption;
        this.overlap = overlap;
        this.clock = clock;
        reload();
        if (newest().isEmpty()) {
            add(); // the first start on this database
        }
    }

    /** The key that signs new tokens. */
    public RSAKey signingKey() {
        return newest().orElseThrow(() -> new IllegalStateException("no signing key")).jwk();
    }

    /** The public keys a token may be checked against: every key not retired. */
    public List<JWK> published() {
        Instant now = clock.instant();
        return current().keys().stream().filter(k -> !k.retiredAt(now) && k.jwk() != null)
                .map(k -> (JWK) k.jwk().toPublicJWK()).toList();
    }

    /** Every key, newest first, with what it does now; retired ones too, without material. */
    public List<SigningKey> all() {
        return current().keys();
    }

    public SigningKey.Status status(SigningKey key) {
        if (key.retiredAt(clock.instant()) || key.jwk() == null) {
            return SigningKey.Status.RETIRED;
        }
        return newest().filter(active -> active.kid().equals(key.kid())).isPresent()
                ? SigningKey.Status.ACTIVE : SigningKey.Status.PUBLISHED;
    }

    /** Makes a new key the signing one; the others stay published for the overlap. */
    public synchronized SigningKey rotate() {
        SigningKey added = add();
        store.retireAllBut(added.kid(), added.createdAt().plus(overlap));
        reload();
        log.info("Signing key {} is active; the previous ones stay published until {}", added.kid(),
                added.createdAt().plus(overlap));
        return current().keys().stream().filter(k -> k.kid().equals(added.kid())).findFirst().orElseThrow();
    }

    private SigningKey add() {
        RSAKey key = SigningKeys.generate();
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        store.insert(key.getKeyID(), now, key.toPublicJWK().toJSONString(), encryption.encrypt(key.toJSONString()));
        reload();
        return new SigningKey(key.getKeyID(), now, null, key);
    }

    /** The newest key not yet given an end: the signing one. */
    private Optional<SigningKey> newest() {
        return current().keys().stream().filter(k -> k.retireAt() == null && k.jwk() != null).findFirst();
    }

    /** The keys, read again when stale or when one has just retired (its private part is then deleted). */
    private Loaded current() {
        Loaded last = loaded;
        Instant now = clock.instant();
        boolean justRetired = last.keys().stream().anyMatch(k -> k.jwk() != null && k.retiredAt(now));
        return justRetired || last.at().plus(REFRESH).isBefore(now) ? reload() : last;
    }

    private synchronized Loaded reload() {
        Instant now = clock.instant();
        List<SigningKey> keys = store.all().stream().map(d -> read(d, now))
                .sorted(Comparator.comparing(SigningKey::createdAt).thenComparing(SigningKey::kid).reversed())
                .toList();
        loaded = new Loaded(keys, now);
        return loaded;
    }

    private SigningKey read(Document d, Instant now) {
        String kid = d.getString("_id");
        Instant retireAt = d.getDate("retireAt") == null ? null : d.getDate("retireAt").toInstant();
        var key = new SigningKey(kid, d.getDate("createdAt").toInstant(), retireAt, null);
        if (d.get("privateKey") == null) {
            return key;
        }
        if (key.retiredAt(now)) {
            store.dropPrivatePart(kid);
            return key;
        }
        try {
            RSAKey jwk = RSAKey.parse(encryption.decrypt(d.get("privateKey", Document.class), kid));
            return new SigningKey(kid, key.createdAt(), retireAt, jwk);
        } catch (ParseException e) {
            throw new IllegalStateException("signing key " + kid + " is not an RSA JWK", e);
        }
    }
}
