package vn.phoihop.auth.client.mongo;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.gt;
import static com.mongodb.client.model.Filters.in;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.bson.Document;
import org.bson.conversions.Bson;
import vn.phoihop.auth.client.ClientAccount;
import vn.phoihop.auth.client.ClientProfile;
import vn.phoihop.auth.client.ClientStore;
import vn.phoihop.auth.client.StoredClient;
import vn.phoihop.platform.mongo.DuplicateKeys;

/**
 * Collection {@code clients}: one document per client, {@code _id} the client id, the secret only as its
 * hash. Lookups are by {@code _id}; the unique index on {@code name} makes a taken name a duplicate key.
 */
public final class MongoClientStore implements ClientStore {

    private final MongoCollection<Document> clients;

    public MongoClientStore(MongoDatabase database) {
        this.clients = database.getCollection("clients");
        clients.createIndex(Indexes.ascending("name"), new IndexOptions().unique(true));
    }

    @Override
    public void insert(StoredClient client, String secretHash) {
        ClientProfile profile = client.profile();
        var document = new Document("_id", client.clientId())
                .append("name", client.name())
                .append("secretHash", secretHash)
                .append("roles", profile.roles())
                .append("agency", profile.agency())
                .append("unitId", profile.unitId())
                .append("permissions", profile.permissions())
                .append("createdAt", Date.from(client.createdAt()));
        DuplicateKeys.or(() -> clients.insertOne(document), () -> new DuplicateName(client.name()));
    }

    @Override
    public Optional<ClientAccount> account(String clientId) {
        return byId(clientId).map(d -> new ClientAccount(d.getString("_id"), d.getString("secretHash"), profile(d)));
    }

    @Override
    public Optional<StoredClient> find(String clientId) {
        return byId(clientId).map(MongoClientStore::client);
    }

    @Override
    public List<StoredClient> page(String afterId, int limit, Set<String> unitIds) {
        var filters = new ArrayList<Bson>();
        if (afterId != null) {
            filters.add(gt("_id", afterId));
        }
        if (unitIds != null) {
            filters.add(in("unitId", unitIds));
        }
        return clients.find(filters.isEmpty() ? new Document() : and(filters)).sort(Sorts.ascending("_id")).limit(limit)
                .map(MongoClientStore::client).into(new ArrayList<>());
    }

    @Override
    public boolean delete(String clientId) {
        return clients.deleteOne(eq("_id", clientId)).getDeletedCount() == 1;
    }

    private Optional<Document> byId(String clientId) {
        return Optional.ofNullable(clients.find(eq("_id", clientId)).first());
    }

    private static StoredClient client(Document d) {
        return new StoredClient(d.getString("_id"), d.getString("name"), profile(d), d.getDate("createdAt").toInstant());
    }

    private static ClientProfile profile(Document d) {
        return new ClientProfile(d.getList("roles", String.class), d.getString("agency"), d.getString("unitId"),
                d.getList("permissions", String.class));
    }
}
