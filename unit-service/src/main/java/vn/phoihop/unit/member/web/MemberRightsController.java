package vn.phoihop.unit.member.web;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import vn.phoihop.platform.security.Caller;
import vn.phoihop.platform.text.Legible;
import vn.phoihop.platform.web.Ids;
import vn.phoihop.unit.member.Member;
import vn.phoihop.unit.member.MemberRights;
import vn.phoihop.unit.member.PersonalDataExport;
import vn.phoihop.unit.scope.Scope;

/**
 * A member's rights over their personal data: the consent record ({@code PUT}), its withdrawal ({@code DELETE},
 * which erases), erasure on request and the export of everything held. Who may call each is a row of
 * {@code AccessConfig} (consent: ADMIN, UNIT_OFFICER; erasure and export: the same with {@code pii:read}); the
 * member's unit must lie in the caller's scope (else 404). Answers carry the member masked, as a create does, except
 * the export, which is an audited unmasked read.
 */
@RestController
@RequestMapping(path = "/api/v1/units/{unitId}/members/{memberId}", produces = "application/json")
class MemberRightsController {

    private final MemberRights rights;

    MemberRightsController(MemberRights rights) {
        this.rights = rights;
    }

    @PutMapping(path = "/consent", consumes = "application/json")
    Member recordConsent(@PathVariable @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String unitId,
            @PathVariable @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String memberId,
            @Valid @RequestBody ConsentRequest request, Caller caller, Scope scope) {
        return rights.recordConsent(unitId, memberId, request.statement(), caller.subject(), scope).masked();
    }

    @DeleteMapping("/consent")
    Member withdrawConsent(@PathVariable @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String unitId,
            @PathVariable @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String memberId,
            Caller caller, Scope scope) {
        return rights.withdrawConsent(unitId, memberId, caller.subject(), scope).masked();
    }

    @PostMapping(path = "/erasure", consumes = "application/json")
    Member erase(@PathVariable @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String unitId,
            @PathVariable @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String memberId,
            @Valid @RequestBody ErasureRequest request, Caller caller, Scope scope) {
        return rights.erase(unitId, memberId, request.reason().strip(), caller.subject(), scope).masked();
    }

    @GetMapping("/personal-data")
    PersonalDataExport export(@PathVariable @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String unitId,
            @PathVariable @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String memberId,
            @RequestHeader(name = MemberController.PURPOSE_HEADER, required = false) String purpose,
            Caller caller, Scope scope) {
        return rights.export(unitId, memberId, MemberController.reader(caller, purpose), scope);
    }

    /** Why the person's data is erased (e.g. the number of their written request): kept in the audit entry. */
    record ErasureRequest(@NotBlank @Size(max = 200) @Legible String reason) {
    }
}
