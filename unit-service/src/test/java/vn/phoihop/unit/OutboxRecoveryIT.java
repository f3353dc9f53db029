package vn.phoihop.unit;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoDatabase;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import vn.phoihop.events.EventCodec;
import vn.phoihop.events.EventTypes;
import vn.phoihop.events.Topics;
import vn.phoihop.events.unit.UnitCreated;
import vn.phoihop.platform.outbox.Outbox;
import vn.phoihop.platform.outbox.OutboxRelay;
import vn.phoihop.testsupport.TopicProbe;
import vn.phoihop.testsupport.WithInfrastructure;

/** A crash between the write and the publish loses nothing: the sweep finds the marked document. */
@SpringBootTest
@WithInfrastructure
class OutboxRecoveryIT {

    @Autowired
    MongoDatabase database;
    @Autowired
    OutboxRelay relay;

    @Test
    void anEventLeftInItsDocumentIsPublishedByTheSweepThenRemoved() {
        String unitId = "crashed-" + UUID.randomUUID();
        var event = new EventCodec("/unit-service", Clock.systemUTC()).create(EventTypes.UNIT_CREATED, unitId, unitId,
                null, List.of(unitId), new UnitCreated(unitId, "Z9", "Xã Z", "COMMUNE", null, List.of(), LocalDate.now()));
        // what a process that died right after its write leaves behind: a marker and a pending entry
        database.getCollection("outbox_markers").insertOne(new Document("_id", "units/" + unitId)
                .append("collection", "units").append("aggregateId", unitId).append("since", Instant.now()).append("seq", 1));
        database.getCollection("units").insertOne(new Document("_id", unitId)
                .append(Outbox.FIELD, List.of(Outbox.entry(event, Topics.UNITS))));

        relay.sweep();

        var records = TopicProbe.byKey(Topics.UNITS, unitId, 1);
        assertThat(records).anySatisfy(r -> assertThat(EventCodec.decode(r.value()).id()).isEqualTo(event.id()));
        assertThat(database.getCollection("units").find(new Document("_id", unitId)).first()
                .getList(Outbox.FIELD, Document.class)).isEmpty();
        assertThat(database.getCollection("outbox_markers").find(new Document("_id", "units/" + unitId)).first()).isNull();
    }
}
