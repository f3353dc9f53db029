package vn.phoihop.devstack.mongo;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;
import java.nio.file.Path;
import org.h2.mvstore.MVStore;

/**
 * A MongoDB wire-protocol server in this JVM ({@code mongo-java-server}), backed by an H2 MVStore file
 * (development, demos, small deployments) or by memory (tests). Not a MongoDB: it uses only {@code _id}
 * and unique indexes and has no transactions, which is why the services never depend on either.
 */
public final class EmbeddedMongo implements AutoCloseable {

    private final MongoServer server;
    private final H2Backend backend;
    private final String connectionString;

    private EmbeddedMongo(H2Backend backend, String host, int port) {
        this.backend = backend;
        this.server = new MongoServer(backend);
        server.bind(host, port);
        var address = server.getLocalAddress();
        this.connectionString = "mongodb://" + address.getHostString() + ":" + address.getPort();
    }

    /** Data persists in {@code file} and survives a restart, even after {@code kill -9}. */
    public static EmbeddedMongo onFile(Path file, String host, int port) {
        return new EmbeddedMongo(new HelloAwareBackend(MVStore.open(file.toString())), host, port);
    }

    /** Data lives in memory and is gone on close. {@code port} 0 picks a free port. */
    public static EmbeddedMongo inMemory(String host, int port) {
        return new EmbeddedMongo(new HelloAwareBackend(new MVStore.Builder().open()), host, port);
    }

    /** {@code mongodb://host:port}, without a database. */
    public String connectionString() {
        return connectionString;
    }

    @Override
    public void close() {
        server.shutdown();
        backend.close();
    }

    /**
     * Drivers and Spring Boot's health check send {@code hello}, which the backend does not know; it
     * answers the older {@code isMaster} with the same facts, so we answer {@code hello} with that.
     */
    private static final class HelloAwareBackend extends H2Backend {

        HelloAwareBackend(MVStore store) {
            super(store);
        }

        @Override
        public Document handleCommand(Channel channel, String database, String command, Document query) {
            if ("hello".equalsIgnoreCase(command)) {
                Document reply = super.handleCommand(channel, database, "isMaster", query);
                reply.put("isWritablePrimary", Boolean.TRUE);
                return reply;
            }
            return super.handleCommand(channel, database, command, query);
        }
    }
}
