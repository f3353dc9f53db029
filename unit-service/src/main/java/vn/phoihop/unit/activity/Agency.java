package vn.phoihop.unit.activity;

import vn.phoihop.unit.unit.UnitKind;

/**
 * The agency a principal acts for (the token's {@code agency} claim) and a co-unit answers to. A joint activity
 * counts only once each co-unit's agency has confirmed it, so neither agency can claim it alone.
 */
public enum Agency {
    /** Công an: police units. */
    POLICE,
    /** Mặt trận Tổ quốc: Front committees and the member organisations under them. */
    FRONT,
    /**
     * Everyone else: administrative levels, steering committees 138 (joint by nature), grassroots teams, agencies,
     * enterprises, schools. Their confirmation comes from a principal whose token says {@code OTHER}, never from
     * the police or the Front on their behalf.
     */
    OTHER;

    public static Agency of(UnitKind kind) {
        return switch (kind) {
            case POLICE_UNIT -> POLICE;
            case FRONT_COMMITTEE, MEMBER_ORGANISATION -> FRONT;
            default -> OTHER;
        };
    }

    /** The token's claim; {@code null} when it is missing or not one of ours. */
    public static Agency ofClaim(Object claim) {
        if (claim instanceof String text) {
            for (Agency agency : values()) {
                if (agency.name().equals(text)) {
                    return agency;
                }
            }
        }
        return null;
    }
}
