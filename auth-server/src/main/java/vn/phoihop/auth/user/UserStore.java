package vn.phoihop.auth.user;

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
import vn.phoihop.auth.client.ClientProfile;
import vn.phoihop.platform.mongo.DuplicateKeys;

/**
 * Collection {@code users}: {@code {_id, username, displayName, passwordHash, roles, agency, unitId,
 * permissions, createdAt}}. The unique index on {@code username} makes a taken name a duplicate key and is
 * what a sign-in looks the user up by.
 */
public final class UserStore {

    private final MongoCollection<Document> users;

    public UserStore(MongoDatabase database) {
        this.users = database.getCollection("users");
        users.createIndex(Indexes.ascending("username"), new IndexOptions().unique(true));
    }

    /** A user as sign-in needs it: with the password's hash. */
    public record Account(StoredUser user, String passwordHash) {
        @Override
        public String toString() {
            return "Account[user=" + user + "]";
        }
    }

    /**
     * Usernames are unique, among users and among client ids: they are what people sign in with and, namespaced,
     * the {@code sub} of their tokens.
     */
    public static final class DuplicateUsername extends RuntimeException {
        DuplicateUsername(String username) {
            super("A user named '" + username + "' already exists");
        }

        DuplicateUsername(String username, String why) {
            super("The username '" + username + "' " + why);
        }
    }

    void insert(StoredUser user, String passwordHash) {
        ClientProfile profile = user.profile();
        var document = new Document("_id", user.id())
                .append("username", user.username())
                .append("displayName", user.displayName())
                .append("passwordHash", passwordHash)
                .append("roles", profile.roles())
                .append("agency", profile.agency())
                .append("unitId", profile.unitId())
                .append("permissions", profile.permissions())
                .append("createdAt", Date.from(user.createdAt()));
        DuplicateKeys.or(() -> users.insertOne(document), () -> new DuplicateUsername(user.username()));
    }

    public Optional<StoredUser> find(String id) {
        return Optional.ofNullable(users.find(eq("_id", id)).first()).map(UserStore::user);
    }

    public Optional<Account> account(String username) {
        return Optional.ofNullable(users.find(eq("username", username)).first())
                .map(d -> new Account(user(d), d.getString("passwordHash")));
    }

    List<StoredUser> page(String afterId, int limit, Set<String> unitIds) {
        var filters = new ArrayList<Bson>();
        if (afterId != null) {
            filters.add(gt("_id", afterId));
        }
        if (unitIds != null) {
            filters.add(in("unitId", unitIds));
        }
        return users.find(filters.isEmpty() ? new Document() : and(filters)).sort(Sorts.ascending("_id")).limit(limit).map(UserStore::user).into(new ArrayList<>());
    }

    boolean delete(String id) {
        return users.deleteOne(eq("_id", id)).getDeletedCount() == 1;
    }

    private static StoredUser user(Document d) {
        var profile = new ClientProfile(d.getList("roles", String.class), d.getString("agency"), d.getString("unitId"),
                d.getList("permissions", String.class));
        return new StoredUser(d.getString("_id"), d.getString("username"), d.getString("displayName"), profile,
                d.getDate("createdAt").toInstant());
    }
}
