package vn.phoihop.program.review.web;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import vn.phoihop.platform.security.Caller;
import vn.phoihop.platform.text.Legible;
import vn.phoihop.platform.web.ApiException;
import vn.phoihop.platform.web.CalendarDate;
import vn.phoihop.platform.web.Ids;
import vn.phoihop.program.program.web.Cursors;
import vn.phoihop.program.review.Award;
import vn.phoihop.program.review.AwardForm;
import vn.phoihop.program.review.Review;
import vn.phoihop.program.review.ReviewKind;
import vn.phoihop.program.review.ReviewWorkbook;
import vn.phoihop.program.review.Reviews;
import vn.phoihop.program.scope.UnitScope;
import vn.phoihop.program.scope.web.PlainText;
import vn.phoihop.program.scope.web.ScopedByBodyUnit;

/**
 * {@code /api/v1/programs/{id}/reviews}: frozen snapshots of progress, their awards and their workbook. A caller sees
 * and makes only reviews of units in its subtree; one of another unit is answered as missing.
 */
@RestController
@RequestMapping(path = "/api/v1/programs/{id}/reviews", produces = "application/json")
class ReviewController {

    /** A page's end: when its last review was frozen (epoch milliseconds), then its id. */
    private static final String POSITION = "[0-9]{1,15}_" + Ids.PATTERN;

    private final Reviews reviews;
    private final ReviewWorkbook workbook;

    ReviewController(Reviews reviews, ReviewWorkbook workbook) {
        this.reviews = reviews;
        this.workbook = workbook;
    }

    @PostMapping(consumes = "application/json")
    @ScopedByBodyUnit
    ResponseEntity<Review> freeze(@PathVariable @Pattern(regexp = Ids.PATTERN) String id, @Valid @RequestBody NewReview r,
            Caller caller, UnitScope scope) {
        scope.require(r.unitId(), "unitId");
        Review review = reviews.freeze(id, new Reviews.NewReview(r.kind(), r.unitId(), r.periodStart(), r.periodEnd(),
                r.title().strip()), caller.subject());
        return ResponseEntity.created(URI.create("/api/v1/programs/" + id + "/reviews/" + review.id())).body(review);
    }

    @GetMapping
    Cursors.Page<Review> list(@PathVariable @Pattern(regexp = Ids.PATTERN) String id,
            @RequestParam(defaultValue = "50") @Min(1) @Max(500) int limit,
            @RequestParam(required = false) @Size(max = 200) String cursor, UnitScope scope) {
        Reviews.Position after = null;
        if (cursor != null) {
            String[] position = Cursors.decode(cursor, POSITION).split("_", 2);
            after = new Reviews.Position(Instant.ofEpochMilli(Long.parseLong(position[0])), position[1]);
        }
        return Cursors.page(reviews.list(id, scope.units(), limit + 1, after), limit,
                review -> review.frozenAt().toEpochMilli() + "_" + review.id());
    }

    @GetMapping("/{rid}")
    Review get(@PathVariable @Pattern(regexp = Ids.PATTERN) String id, @PathVariable @Pattern(regexp = Ids.PATTERN) String rid,
            UnitScope scope) {
        return visible(id, rid, scope);
    }

    @GetMapping("/{rid}.xlsx")
    ResponseEntity<byte[]> xlsx(@PathVariable @Pattern(regexp = Ids.PATTERN) String id,
            @PathVariable @Pattern(regexp = Ids.PATTERN) String rid, UnitScope scope) {
        Review review = visible(id, rid, scope);
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename("so-ket.xlsx").build().toString())
                .body(workbook.of(review));
    }

    @GetMapping("/{rid}.csv")
    ResponseEntity<byte[]> csv(@PathVariable @Pattern(regexp = Ids.PATTERN) String id,
            @PathVariable @Pattern(regexp = Ids.PATTERN) String rid, UnitScope scope) {
        Review review = visible(id, rid, scope);
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType("text/csv;charset=UTF-8"))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename("so-ket.csv").build().toString())
                .body(workbook.csv(review));
    }

    @PostMapping(path = "/{rid}/awards", consumes = "application/json")
    @ScopedByBodyUnit
    ResponseEntity<Award> award(@PathVariable @Pattern(regexp = Ids.PATTERN) String id,
            @PathVariable @Pattern(regexp = Ids.PATTERN) String rid, @Valid @RequestBody NewAward a, UnitScope scope) {
        visible(id, rid, scope);
        if (a.unitId() != null) {
            scope.require(a.unitId(), "unitId");
        }
        Award award = reviews.award(id, rid, a.recipientType(), a.recipientName().strip(), a.unitId(), a.form(),
                a.issuedBy().strip());
        return ResponseEntity.status(201).body(award);
    }

    private Review visible(String programId, String reviewId, UnitScope scope) {
        return reviews.find(programId, reviewId).filter(review -> scope.covers(review.unitId()))
                .orElseThrow(() -> ApiException.notFound("Review", reviewId));
    }

    record NewReview(
            @NotNull ReviewKind kind,
            @NotNull @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String unitId,
            @NotNull @CalendarDate LocalDate periodStart,
            @NotNull @CalendarDate LocalDate periodEnd,
            @NotBlank @Size(max = 300) @PlainText @Legible String title) {
    }

    record NewAward(
            @NotNull Award.RecipientType recipientType,
            @NotBlank @Size(max = 200) @PlainText @Legible String recipientName,
            @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String unitId,
            @NotNull AwardForm form,
            @NotBlank @Size(max = 200) @PlainText @Legible String issuedBy) {
    }
}
