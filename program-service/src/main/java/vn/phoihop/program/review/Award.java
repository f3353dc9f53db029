package vn.phoihop.program.review;

import java.time.Instant;

/** An award given at a review to a collective (a unit, a team) or an individual. */
public record Award(String id, RecipientType recipientType, String recipientName, String unitId, AwardForm form,
        String issuedBy, Instant awardedAt) {

    public enum RecipientType { COLLECTIVE, INDIVIDUAL }
}
