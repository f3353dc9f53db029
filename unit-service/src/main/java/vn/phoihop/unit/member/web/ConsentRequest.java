package vn.phoihop.unit.member.web;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import vn.phoihop.platform.text.Legible;
import vn.phoihop.platform.web.CalendarDate;
import vn.phoihop.unit.member.Consent;
import vn.phoihop.unit.member.ConsentBasis;

/**
 * A consent record as a caller states it, in {@code POST …/members} and {@code PUT …/members/{id}/consent}. Who
 * recorded it, when, and a withdrawal are the server's: sending them is an unknown field (400).
 */
record ConsentRequest(
        @NotNull ConsentBasis basis,
        @NotNull @CalendarDate LocalDate givenOn,
        @Size(max = 200) @Legible String evidence) {

    Consent.Statement statement() {
        return new Consent.Statement(basis, givenOn, evidence == null || evidence.isBlank() ? null : evidence.strip());
    }
}
