package vn.phoihop.program.program.mongo;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.gt;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.or;
import static com.mongodb.client.model.Filters.regex;
import static com.mongodb.client.model.Projections.exclude;
import static com.mongodb.client.model.Sorts.ascending;
import static com.mongodb.client.model.Updates.combine;
import static com.mongodb.client.model.Updates.push;
import static com.mongodb.client.model.Updates.set;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.Decimal128;
import org.springframework.stereotype.Repository;
import vn.phoihop.events.CloudEvent;
import vn.phoihop.events.Topics;
import vn.phoihop.events.activity.Figures;
import vn.phoihop.platform.mongo.Decimals;
import vn.phoihop.platform.mongo.DuplicateKeys;
import vn.phoihop.platform.outbox.Outbox;
import vn.phoihop.platform.text.SearchKeys;
import vn.phoihop.platform.web.ApiException;
import vn.phoihop.program.program.Aggregation;
import vn.phoihop.program.program.Indicator;
import vn.phoihop.program.program.Program;
import vn.phoihop.program.program.ProgramKind;
import vn.phoihop.program.program.ProgramStatus;
import vn.phoihop.program.program.Target;

/** Programs, one document each, written only over the version they were read at. */
@Repository
public class ProgramStore {

    static final String COLLECTION = "programs";

    private final MongoCollection<Document> programs;
    private final Outbox outbox;

    public ProgramStore(MongoDatabase database, Outbox outbox) {
        this.programs = database.getCollection(COLLECTION);
        this.outbox = outbox;
        programs.createIndex(Indexes.ascending("code"), new IndexOptions().unique(true));
    }

    public void insert(Program program, CloudEvent created) {
        Document doc = new Document("_id", program.id());
        fields(program).forEach(doc::append);
        doc.append(Outbox.FIELD, List.of(Outbox.entry(created, Topics.PROGRAMS)));
        DuplicateKeys.or(() -> outbox.write(COLLECTION, program.id(), () -> programs.insertOne(doc)),
                () -> ApiException.conflict("A program with code " + program.code() + " already exists"));
    }

    /** Writes {@code program} if the stored one is still at {@code expectedVersion}; false otherwise. */
    public boolean replace(long expectedVersion, Program program, CloudEvent changed) {
        var updates = new ArrayList<Bson>();
        fields(program).forEach((k, v) -> updates.add(set(k, v)));
        updates.add(push(Outbox.FIELD, Outbox.entry(changed, Topics.PROGRAMS)));
        return outbox.write(COLLECTION, program.id(), () -> programs.updateOne(
                and(eq("_id", program.id()), eq("version", expectedVersion)), combine(updates))).getModifiedCount() == 1;
    }

    /**
     * Programs in the order (code), optionally of one status, matching {@code q} in code, aliases or title, and
     * national or scoped to one of {@code scopeUnitIds} (null: any scope). Filtered in the query, so pages stay full.
     */
    public List<Program> list(ProgramStatus status, String q, int limit, String afterCode, Set<String> scopeUnitIds) {
        var filters = new ArrayList<Bson>();
        if (scopeUnitIds != null) {
            filters.add(or(eq("scopeUnitId", null), in("scopeUnitId", scopeUnitIds)));
        }
        if (status != null) {
            filters.add(eq("status", status.name()));
        }
        if (q != null) {
            filters.add(regex("searchKey", Pattern.quote(SearchKeys.of(q))));
        }
        if (afterCode != null) {
            filters.add(gt("code", afterCode));
        }
        return programs.find(filters.isEmpty() ? new Document() : and(filters)).projection(exclude(Outbox.FIELD))
                .sort(ascending("code")).limit(limit).map(ProgramStore::toProgram).into(new ArrayList<>());
    }

    public Optional<Program> find(String id) {
        return Optional.ofNullable(programs.find(eq("_id", id)).first()).map(ProgramStore::toProgram);
    }

    private static Document fields(Program p) {
        return new Document("version", p.version())
                .append("code", p.code())
                .append("aliases", p.aliases())
                .append("title", p.title())
                .append("kind", p.kind().name())
                .append("issuers", p.issuers())
                .append("implementsId", p.implementsId())
                .append("predecessorId", p.predecessorId())
                .append("startsOn", p.startsOn().toString())
                .append("endsOn", p.endsOn().toString())
                .append("scopeUnitId", p.scopeUnitId())
                .append("searchKey", SearchKeys.of(p.code() + " " + String.join(" ", p.aliases()) + " " + p.title()))
                .append("status", p.status().name())
                .append("targets", p.targets().stream().map(t -> new Document("indicatorCode", t.indicatorCode())
                        .append("unitId", t.unitId())
                        .append("periodStart", t.periodStart().toString())
                        .append("periodEnd", t.periodEnd().toString())
                        .append("value", new Decimal128(t.value()))).toList())
                .append("enrolledUnitIds", p.enrolledUnitIds())
                .append("indicators", p.indicators().stream().map(i -> new Document("code", i.code())
                        .append("name", i.name())
                        .append("unitOfMeasure", i.unitOfMeasure())
                        .append("aggregation", i.aggregation().name())
                        .append("numeratorCode", i.numeratorCode())
                        .append("denominatorCode", i.denominatorCode())).toList());
    }

    private static Program toProgram(Document d) {
        var indicators = d.getList("indicators", Document.class).stream().map(i -> new Indicator(i.getString("code"),
                i.getString("name"), i.getString("unitOfMeasure"), Aggregation.valueOf(i.getString("aggregation")),
                i.getString("numeratorCode"), i.getString("denominatorCode"))).toList();
        return new Program(d.getString("_id"), d.get("version", Number.class).longValue(), d.getString("code"),
                d.getList("aliases", String.class), d.getString("title"), ProgramKind.valueOf(d.getString("kind")),
                d.getList("issuers", String.class), d.getString("implementsId"), d.getString("predecessorId"),
                LocalDate.parse(d.getString("startsOn")), LocalDate.parse(d.getString("endsOn")),
                d.getString("scopeUnitId"), ProgramStatus.valueOf(d.getString("status")), indicators,
                d.getList("targets", Document.class, List.of()).stream().map(t -> new Target(t.getString("indicatorCode"),
                        t.getString("unitId"), LocalDate.parse(t.getString("periodStart")),
                        LocalDate.parse(t.getString("periodEnd")), target(t.get("value")))).toList(),
                d.getList("enrolledUnitIds", String.class, List.of()));
    }

    /** Decimal128; a double stored before targets were decimals reads as the decimal it prints as. */
    private static BigDecimal target(Object stored) {
        BigDecimal value = Decimals.read(stored);
        return value == null ? null : Figures.canonical(value);
    }
}
