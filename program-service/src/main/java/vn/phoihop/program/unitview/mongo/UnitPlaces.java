package vn.phoihop.program.unitview.mongo;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Updates.combine;
import static com.mongodb.client.model.Updates.set;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.UpdateOptions;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.springframework.stereotype.Repository;
import vn.phoihop.program.unitview.UnitPlace;

/** {@code unit_view}: one small document per unit, its parent today and, once merged, its end and successor. */
@Repository
public class UnitPlaces {

    private final MongoCollection<Document> places;

    public UnitPlaces(MongoDatabase database) {
        this.places = database.getCollection("unit_view");
    }

    public void placed(String unitId, String parentId) {
        places.updateOne(eq("_id", unitId), set("parentId", parentId), new UpdateOptions().upsert(true));
    }

    public void named(String unitId, String name) {
        places.updateOne(eq("_id", unitId), set("name", name), new UpdateOptions().upsert(true));
    }

    public void ended(String unitId, LocalDate on, String successorId) {
        places.updateOne(eq("_id", unitId), combine(set("validTo", on.toString()), set("successorIds", List.of(successorId))),
                new UpdateOptions().upsert(true));
    }

    public Optional<UnitPlace> find(String unitId) {
        return Optional.ofNullable(places.find(eq("_id", unitId)).first()).map(d -> new UnitPlace(d.getString("_id"),
                d.getString("name"), d.getString("parentId"), d.getString("validTo") == null ? null : LocalDate.parse(d.getString("validTo")),
                d.getList("successorIds", String.class, List.of())));
    }
}
