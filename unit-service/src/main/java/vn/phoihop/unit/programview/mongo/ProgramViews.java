package vn.phoihop.unit.programview.mongo;

import vn.phoihop.platform.mongo.DuplicateKeys;
import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.lt;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.ReplaceOptions;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.Optional;
import org.bson.Document;
import vn.phoihop.unit.programview.ProgramView;
import org.springframework.stereotype.Repository;
import vn.phoihop.events.program.ProgramState;

/** The local view of programs, one document per program, replaced only by a newer version. */
@Repository
public class ProgramViews {

    private final MongoCollection<Document> views;

    public ProgramViews(MongoDatabase database) {
        this.views = database.getCollection("program_view");
    }

    /**
     * Applies a program's state if it is newer than what the view holds. Idempotent and safe against
     * redelivery and replay: an older or equal version changes nothing.
     */
    public void apply(ProgramState state) {
        var doc = new Document("_id", state.programId())
                .append("version", state.version())
                .append("status", state.status())
                .append("startsOn", state.startsOn().toString())
                .append("endsOn", state.endsOn().toString())
                .append("indicatorCodes", state.indicators().stream().map(ProgramState.Indicator::code).toList())
                .append("enrolledUnitIds", state.enrolledUnitIds());
        // when the view is already as new, the filter misses and the upsert's insert collides
        DuplicateKeys.ignore(() -> views.replaceOne(and(eq("_id", state.programId()), lt("version", state.version())),
                doc, new ReplaceOptions().upsert(true)));
    }

    public Optional<ProgramView> find(String programId) {
        return Optional.ofNullable(views.find(eq("_id", programId)).first()).map(doc -> new ProgramView(
                doc.getString("_id"), doc.get("version", Number.class).longValue(), doc.getString("status"),
                LocalDate.parse(doc.getString("startsOn")), LocalDate.parse(doc.getString("endsOn")),
                new HashSet<>(doc.getList("indicatorCodes", String.class)),
                new HashSet<>(doc.getList("enrolledUnitIds", String.class, java.util.List.of()))));
    }
}
