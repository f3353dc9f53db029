package vn.phoihop.auth.key;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.exists;
import static com.mongodb.client.model.Filters.ne;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Updates;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bson.Document;

/**
 * Collection {@code keys}: {@code {_id: kid, createdAt, retireAt, publicKey, privateKey: {alg, salt, data}}}, the
 * private part encrypted ({@link KeyEncryption}). A handful of documents: one per rotation, read whole.
 */
final class KeyStore {

    private final MongoCollection<Document> keys;

    KeyStore(MongoDatabase database) {
        this.keys = database.getCollection("keys");
    }

    void insert(String kid, Instant createdAt, String publicJwk, Document encryptedPrivateJwk) {
        keys.insertOne(new Document("_id", kid).append("createdAt", Date.from(createdAt)).append("retireAt", null)
                .append("publicKey", publicJwk).append("privateKey", encryptedPrivateJwk));
    }

    List<Document> all() {
        return keys.find().into(new ArrayList<>());
    }

    /** Every key but {@code kid} that was still the newest gets its end of publication. */
    void retireAllBut(String kid, Instant at) {
        keys.updateMany(and(ne("_id", kid), eq("retireAt", null)), Updates.set("retireAt", Date.from(at)));
    }

    /** A retired key's private part is of no more use to anyone: delete it. */
    void dropPrivatePart(String kid) {
        keys.updateOne(and(eq("_id", kid), exists("privateKey")), Updates.unset("privateKey"));
    }
}
