package vn.phoihop.unit.member.web;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Base64;
import java.util.List;
import java.util.function.Predicate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import vn.phoihop.platform.security.Caller;
import vn.phoihop.platform.text.Legible;
import vn.phoihop.platform.web.ApiException;
import vn.phoihop.platform.web.ApiException.FieldError;
import vn.phoihop.platform.web.CalendarDate;
import vn.phoihop.platform.web.Ids;
import vn.phoihop.unit.member.Member;
import vn.phoihop.unit.member.MemberPage;
import vn.phoihop.unit.member.MemberRole;
import vn.phoihop.unit.member.MemberRoster;
import vn.phoihop.unit.member.Reader;
import vn.phoihop.unit.scope.Scope;

/**
 * Members of a unit. Personal data ({@code phone}, {@code nationalId}) comes back in full only to a token whose
 * {@code permissions} hold {@code pii:read} and that declares why in {@code X-Purpose}; such a read is audited.
 * With the permission but without a purpose the data comes back masked, with a {@code Warning} header saying so.
 */
@RestController
@RequestMapping(path = "/api/v1/units/{unitId}/members", produces = "application/json")
class MemberController {

    static final String PURPOSE_HEADER = "X-Purpose";
    /** {@code ?consent=missing}: members holding a phone or national id with no consent record. */
    static final String CONSENT_MISSING = "missing";
    static final String PURPOSE_REQUIRED_WARNING =
            "299 unit-service \"Personal data masked: send an X-Purpose header to read it in full\"";
    private static final java.util.regex.Pattern CONTROL = java.util.regex.Pattern.compile("\\p{Cntrl}");

    private final MemberRoster roster;

    MemberController(MemberRoster roster) {
        this.roster = roster;
    }

    @PostMapping(consumes = "application/json")
    ResponseEntity<Member> add(@PathVariable @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String unitId,
            @Valid @RequestBody AddMember request,
            @RequestHeader(name = "Idempotency-Key", required = false)
            @Pattern(regexp = Ids.PATTERN, message = "letters, digits, _ and - only, at most 64") String idempotencyKey,
            Caller caller, Scope scope) {
        Member member = roster.add(unitId, new MemberRoster.NewMember(request.fullName().strip(), request.role(),
                request.phone(), request.nationalId(), request.joinedOn(), request.leftOn(),
                request.consent() == null ? null : request.consent().statement()), caller.subject(),
                idempotencyKey, scope);
        // the caller just sent these; echo them masked like any read, so a create is never an unaudited disclosure
        return ResponseEntity.created(URI.create("/api/v1/units/" + unitId + "/members/" + member.id()))
                .body(member.masked());
    }

    @GetMapping
    ResponseEntity<MemberList> list(@PathVariable @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String unitId,
            @RequestParam(defaultValue = "50") @Min(1) @Max(500) int limit,
            @RequestParam(required = false) @Pattern(regexp = "[A-Za-z0-9_-]{1,128}", message = "is not a cursor of this list") String cursor,
            @RequestParam(required = false) @Pattern(regexp = CONSENT_MISSING, message = "must be " + CONSENT_MISSING) String consent,
            @RequestHeader(name = PURPOSE_HEADER, required = false) String purpose,
            Caller caller, Scope scope) {
        Predicate<Member> which = consent == null ? member -> true : Member::lacksConsent;
        MemberPage page = roster.list(unitId, decodeCursor(cursor), limit, which, reader(caller, purpose), scope);
        var body = new MemberList(page.items(), page.after() == null ? null : encodeCursor(page.after()));
        return withWarning(page.disclosure()).body(body);
    }

    @GetMapping("/{memberId}")
    ResponseEntity<Member> get(@PathVariable @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String unitId,
            @PathVariable @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String memberId,
            @RequestHeader(name = PURPOSE_HEADER, required = false) String purpose,
            Caller caller, Scope scope) {
        var found = roster.find(unitId, memberId, reader(caller, purpose), scope);
        return withWarning(found.disclosure()).body(found.member());
    }

    record AddMember(
            @NotBlank @Size(max = 200) @Legible String fullName,
            @NotNull MemberRole role,
            @Pattern(regexp = "(\\+84|0)\\d{9,10}", message = "must be a Vietnamese phone number: 0 or +84, then 9 or 10 digits")
            String phone,
            @Pattern(regexp = "\\d{12}", message = "must be the 12 digits of a citizen identity card (CCCD)")
            String nationalId,
            @NotNull @CalendarDate LocalDate joinedOn,
            @CalendarDate LocalDate leftOn,
            @Valid ConsentRequest consent) {

        @Override
        public String toString() {
            return "AddMember[role=" + role + ", joinedOn=" + joinedOn + ", leftOn=" + leftOn + "]";
        }
    }

    record MemberList(List<Member> items, String nextCursor) {
    }

    static Reader reader(Caller caller, String purposeHeader) {
        return new Reader(caller.subject(), caller.mayReadPersonalData(), purpose(purposeHeader));
    }

    /**
     * The declared purpose: free text up to 200 characters, percent-encoded UTF-8 allowed (HTTP header values are
     * not UTF-8, and purposes are often Vietnamese); blank counts as absent; control characters are refused, and so
     * are raw bytes above ASCII, which the server reads as ISO-8859-1 and would store garbled in the audit.
     */
    static String purpose(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        if (header.chars().anyMatch(c -> c > 0x7e)) {
            throw invalidPurpose("must be ASCII; send other text percent-encoded as UTF-8");
        }
        String text;
        try {
            text = header.indexOf('%') >= 0 ? URLDecoder.decode(header.replace("+", "%2B"), StandardCharsets.UTF_8) : header;
        } catch (IllegalArgumentException e) {
            throw invalidPurpose("is not valid percent-encoded UTF-8");
        }
        text = text.strip();
        if (text.isEmpty()) {
            return null;
        }
        if (text.length() > 200 || CONTROL.matcher(text).find() || text.indexOf('\uFFFD') >= 0) {
            throw invalidPurpose("must be 1 to 200 printable characters");
        }
        return text;
    }

    private static ApiException invalidPurpose(String message) {
        return ApiException.invalid(new FieldError(PURPOSE_HEADER, message));
    }

    static String encodeCursor(String memberId) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(memberId.getBytes(StandardCharsets.UTF_8));
    }

    static String decodeCursor(String cursor) {
        if (cursor == null) {
            return null;
        }
        try {
            String id = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (id.matches(Ids.PATTERN)) {
                return id;
            }
        } catch (IllegalArgumentException e) {
            // falls through to the problem below
        }
        throw ApiException.invalid(new FieldError("cursor", "is not a cursor of this list"));
    }

    private static ResponseEntity.BodyBuilder withWarning(Reader.Disclosure disclosure) {
        var ok = ResponseEntity.ok();
        if (disclosure == Reader.Disclosure.MASKED_PURPOSE_REQUIRED) {
            ok.header(HttpHeaders.WARNING, PURPOSE_REQUIRED_WARNING);
        }
        return ok;
    }
}
