package vn.phoihop.unit.member;

import java.time.Instant;
import java.time.LocalDate;

/**
 * The recorded basis for holding a member's personal data. It outlives an erasure: it is the proof that the data
 * was held lawfully, and of when the person withdrew. {@code evidence} names the paper that proves it (e.g. the
 * number of a signed form), not the person.
 *
 * @param recordedBy  the subject of the token that recorded it (server-owned)
 * @param recordedAt  when it was recorded (server-owned)
 * @param withdrawnOn the day the person withdrew their consent, else {@code null} (server-owned)
 */
public record Consent(ConsentBasis basis, LocalDate givenOn, String evidence, String recordedBy, Instant recordedAt,
        LocalDate withdrawnOn) {

    /** What a caller states: the basis, the day it was given and optional evidence. */
    public record Statement(ConsentBasis basis, LocalDate givenOn, String evidence) {

        public Consent recorded(String by, Instant at) {
            return new Consent(basis, givenOn, evidence, by, at, null);
        }
    }

    public boolean isWithdrawn() {
        return withdrawnOn != null;
    }
}
