package vn.phoihop.program.review.mongo;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.gt;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.or;
import static com.mongodb.client.model.Sorts.ascending;
import static com.mongodb.client.model.Updates.push;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Indexes;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.Decimal128;
import org.springframework.stereotype.Repository;
import vn.phoihop.platform.mongo.Decimals;
import vn.phoihop.program.progress.Progress;
import vn.phoihop.program.review.Award;
import vn.phoihop.program.review.AwardForm;
import vn.phoihop.program.review.Review;
import vn.phoihop.program.review.ReviewKind;
import vn.phoihop.program.review.Reviews;

/** {@code reviews}: one document per review with its frozen progress; only awards are ever pushed to it. */
@Repository
public class ReviewStore {

    private final MongoCollection<Document> reviews;

    public ReviewStore(MongoDatabase database) {
        this.reviews = database.getCollection("reviews");
        reviews.createIndex(Indexes.ascending("programId"));
    }

    public void insert(Review r) {
        Progress p = r.progress();
        reviews.insertOne(new Document("_id", r.id())
                .append("programId", r.programId())
                .append("kind", r.kind().name())
                .append("unitId", r.unitId())
                .append("periodStart", r.periodStart().toString())
                .append("periodEnd", r.periodEnd().toString())
                .append("title", r.title())
                .append("frozenAt", Date.from(r.frozenAt()))
                .append("frozenBy", r.frozenBy())
                .append("progress", new Document("from", p.from().toString()).append("to", p.to().toString())
                        .append("indicators", p.indicators().stream().map(i -> new Document("code", i.code())
                                .append("name", i.name()).append("actual", decimal(i.actual()))
                                .append("target", decimal(i.target())).append("ratio", decimal(i.ratio()))).toList()))
                .append("awards", List.of()));
    }

    public void addAward(String reviewId, Award a) {
        reviews.updateOne(eq("_id", reviewId), push("awards", new Document("id", a.id())
                .append("recipientType", a.recipientType().name())
                .append("recipientName", a.recipientName())
                .append("unitId", a.unitId())
                .append("form", a.form().name())
                .append("issuedBy", a.issuedBy())
                .append("awardedAt", Date.from(a.awardedAt()))));
    }

    public Optional<Review> find(String id) {
        return Optional.ofNullable(reviews.find(eq("_id", id)).first()).map(ReviewStore::toReview);
    }

    /**
     * A program's reviews, oldest first (then by id), after {@code after} unless null; only those of {@code unitIds}
     * unless null. Filtered in the query, so pages stay full.
     */
    public List<Review> byProgram(String programId, Set<String> unitIds, int limit, Reviews.Position after) {
        var filters = new ArrayList<Bson>(List.of(eq("programId", programId)));
        if (unitIds != null) {
            filters.add(in("unitId", unitIds));
        }
        if (after != null) {
            Date at = Date.from(after.frozenAt());
            filters.add(or(gt("frozenAt", at), and(eq("frozenAt", at), gt("_id", after.reviewId()))));
        }
        return reviews.find(and(filters)).sort(ascending("frozenAt", "_id")).limit(limit).map(ReviewStore::toReview)
                .into(new ArrayList<>());
    }

    private static Review toReview(Document d) {
        Document p = d.get("progress", Document.class);
        var indicators = p.getList("indicators", Document.class).stream().map(i -> new Progress.IndicatorProgress(
                i.getString("code"), i.getString("name"), number(i, "actual"), number(i, "target"), number(i, "ratio")))
                .toList();
        var progress = new Progress(d.getString("programId"), d.getString("unitId"), LocalDate.parse(p.getString("from")),
                LocalDate.parse(p.getString("to")), indicators);
        var awards = d.getList("awards", Document.class).stream().map(a -> new Award(a.getString("id"),
                Award.RecipientType.valueOf(a.getString("recipientType")), a.getString("recipientName"),
                a.getString("unitId"), AwardForm.valueOf(a.getString("form")), a.getString("issuedBy"),
                instant(a.get("awardedAt")))).toList();
        return new Review(d.getString("_id"), d.getString("programId"), ReviewKind.valueOf(d.getString("kind")),
                d.getString("unitId"), LocalDate.parse(d.getString("periodStart")), LocalDate.parse(d.getString("periodEnd")),
                d.getString("title"), instant(d.get("frozenAt")), d.getString("frozenBy"), progress, awards);
    }

    /** Decimal128; a review frozen before figures were decimals holds doubles, read as the decimal they print as. */
    private static BigDecimal number(Document d, String key) {
        return Decimals.read(d.get(key));
    }

    private static Decimal128 decimal(BigDecimal figure) {
        return figure == null ? null : new Decimal128(figure);
    }

    private static Instant instant(Object stored) {
        return ((Date) stored).toInstant();
    }
}
