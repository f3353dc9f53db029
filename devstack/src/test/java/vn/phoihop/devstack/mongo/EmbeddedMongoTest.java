package vn.phoihop.devstack.mongo;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClients;
import java.nio.file.Path;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedMongoTest {

    @Test
    void answersHelloAsAWritablePrimary() {
        try (var mongo = EmbeddedMongo.inMemory("127.0.0.1", 0);
                var client = MongoClients.create(mongo.connectionString())) {
            Document hello = client.getDatabase("admin").runCommand(new Document("hello", 1));
            assertThat(hello.getBoolean("isWritablePrimary")).isTrue();
            assertThat(hello.get("ok", Number.class).intValue()).isEqualTo(1);
        }
    }

    @Test
    void fileBackedDataSurvivesARestart(@TempDir Path dir) {
        Path file = dir.resolve("mongo.mv");
        try (var mongo = EmbeddedMongo.onFile(file, "127.0.0.1", 0);
                var client = MongoClients.create(mongo.connectionString())) {
            client.getDatabase("units").getCollection("units").insertOne(new Document("_id", "u1").append("name", "Cần Thơ"));
        }
        try (var mongo = EmbeddedMongo.onFile(file, "127.0.0.1", 0);
                var client = MongoClients.create(mongo.connectionString())) {
            Document found = client.getDatabase("units").getCollection("units").find(new Document("_id", "u1")).first();
            assertThat(found).isNotNull();
            assertThat(found.getString("name")).isEqualTo("Cần Thơ");
        }
    }
}
