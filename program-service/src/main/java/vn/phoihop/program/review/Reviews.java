package vn.phoihop.program.review;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Service;
import vn.phoihop.platform.web.ApiException;
import vn.phoihop.platform.web.ApiException.FieldError;
import vn.phoihop.program.progress.Progress;
import vn.phoihop.program.progress.ProgressReport;
import vn.phoihop.program.review.mongo.ReviewStore;
import vn.phoihop.program.unitview.UnitTreeView;

/** Freezes progress into reviews and records their awards. */
@Service
public class Reviews {

    /** Awards one review holds: its document carries them all, and its workbook lists them. */
    static final int MAX_AWARDS = 500;

    private final ReviewStore store;
    private final ProgressReport report;
    private final UnitTreeView units;
    private final Clock clock;

    public Reviews(ReviewStore store, ProgressReport report, UnitTreeView units, Clock clock) {
        this.store = store;
        this.report = report;
        this.units = units;
        this.clock = clock;
    }

    public record NewReview(ReviewKind kind, String unitId, LocalDate periodStart, LocalDate periodEnd, String title) {
    }

    public Review freeze(String programId, NewReview r, String by) {
        if (r.periodEnd().isBefore(r.periodStart())) {
            throw ApiException.invalid(new FieldError("periodEnd", "is before periodStart"));
        }
        known(r.unitId(), "unitId");
        Progress progress = report.of(programId, r.unitId(), r.periodStart(), r.periodEnd()); // 404 for an unknown program
        var review = new Review(UUID.randomUUID().toString(), programId, r.kind(), r.unitId(), r.periodStart(),
                r.periodEnd(), r.title(), clock.instant(), by, progress, List.of());
        store.insert(review);
        return review;
    }

    public Optional<Review> find(String programId, String reviewId) {
        return store.find(reviewId).filter(r -> r.programId().equals(programId));
    }

    /** Where a page of reviews ends: they are listed oldest first. */
    public record Position(Instant frozenAt, String reviewId) {
    }

    /** Up to {@code limit} reviews after {@code after} (null: from the first); {@code unitIds}: only theirs, null: all. */
    public List<Review> list(String programId, Set<String> unitIds, int limit, Position after) {
        return store.byProgram(programId, unitIds, limit, after);
    }

    public Award award(String programId, String reviewId, Award.RecipientType type, String recipientName, String unitId,
            AwardForm form, String issuedBy) {
        Review review = find(programId, reviewId).orElseThrow(() -> ApiException.notFound("Review", reviewId));
        if (review.awards().size() >= MAX_AWARDS) { // one document holds them all
            throw ApiException.invalid(new FieldError("awards", "a review holds at most " + MAX_AWARDS));
        }
        if (unitId != null) {
            known(unitId, "unitId");
        }
        var award = new Award(UUID.randomUUID().toString(), type, recipientName, unitId, form, issuedBy, clock.instant());
        store.addAward(reviewId, award);
        return award;
    }

    private void known(String unitId, String field) {
        if (units.find(unitId).isEmpty()) {
            throw ApiException.rejected("Unit " + unitId + " is unknown here", new FieldError(field, "unknown unit"));
        }
    }
}
