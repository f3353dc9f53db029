package vn.phoihop.program.review.web;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.LocalDate;
import java.util.List;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import vn.phoihop.platform.web.ApiException;
import vn.phoihop.platform.web.Ids;
import vn.phoihop.program.review.Award;
import vn.phoihop.program.review.AwardForm;
import vn.phoihop.program.review.Review;
import vn.phoihop.program.review.ReviewKind;
import vn.phoihop.program.review.ReviewWorkbook;
import vn.phoihop.program.review.Reviews;

/** {@code /api/v1/programs/{id}/reviews}: frozen snapshots of progress, their awards and their workbook. */
@RestController
@RequestMapping(path = "/api/v1/programs/{id}/reviews", produces = "application/json")
class ReviewController {

    private final Reviews reviews;
    private final ReviewWorkbook workbook;

    ReviewController(Reviews reviews, ReviewWorkbook workbook) {
        this.reviews = reviews;
        this.workbook = workbook;
    }

    @PostMapping(consumes = "application/json")
    ResponseEntity<Review> freeze(@PathVariable @Pattern(regexp = Ids.PATTERN) String id, @Valid @RequestBody NewReview r,
            Authentication caller) {
        Review review = reviews.freeze(id, new Reviews.NewReview(r.kind(), r.unitId(), r.periodStart(), r.periodEnd(),
                r.title().strip()), caller.getName());
        return ResponseEntity.created(URI.create("/api/v1/programs/" + id + "/reviews/" + review.id())).body(review);
    }

    @GetMapping
    ReviewList list(@PathVariable @Pattern(regexp = Ids.PATTERN) String id) {
        return new ReviewList(reviews.list(id), null);
    }

    @GetMapping("/{rid}")
    Review get(@PathVariable @Pattern(regexp = Ids.PATTERN) String id, @PathVariable @Pattern(regexp = Ids.PATTERN) String rid) {
        return reviews.find(id, rid).orElseThrow(() -> ApiException.notFound("Review", rid));
    }

    @GetMapping("/{rid}.xlsx")
    ResponseEntity<byte[]> xlsx(@PathVariable @Pattern(regexp = Ids.PATTERN) String id,
            @PathVariable @Pattern(regexp = Ids.PATTERN) String rid) {
        Review review = reviews.find(id, rid).orElseThrow(() -> ApiException.notFound("Review", rid));
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename("so-ket.xlsx").build().toString())
                .body(workbook.of(review));
    }

    @PostMapping(path = "/{rid}/awards", consumes = "application/json")
    ResponseEntity<Award> award(@PathVariable @Pattern(regexp = Ids.PATTERN) String id,
            @PathVariable @Pattern(regexp = Ids.PATTERN) String rid, @Valid @RequestBody NewAward a) {
        Award award = reviews.award(id, rid, a.recipientType(), a.recipientName().strip(), a.unitId(), a.form(),
                a.issuedBy().strip());
        return ResponseEntity.status(201).body(award);
    }

    record ReviewList(List<Review> items, String nextCursor) {
    }

    record NewReview(
            @NotNull ReviewKind kind,
            @NotNull @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String unitId,
            @NotNull LocalDate periodStart,
            @NotNull LocalDate periodEnd,
            @NotBlank @Size(max = 300) String title) {
    }

    record NewAward(
            @NotNull Award.RecipientType recipientType,
            @NotBlank @Size(max = 200) String recipientName,
            @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String unitId,
            @NotNull AwardForm form,
            @NotBlank @Size(max = 200) String issuedBy) {
    }
}
