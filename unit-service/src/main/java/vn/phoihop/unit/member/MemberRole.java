package vn.phoihop.unit.member;

/**
 * A member's role in the unit, as grassroots teams (tổ an ninh nhân dân, tổ tự quản, tổ hòa giải, tổ phòng
 * chống tội phạm) name them.
 */
public enum MemberRole {
    /** Tổ trưởng: leads the team; a one-person team's only member usually holds this role. */
    TEAM_LEADER,
    /** Tổ phó. */
    DEPUTY_LEADER,
    /** Thư ký: keeps the team's records. */
    SECRETARY,
    /** Tổ viên. */
    MEMBER,
    /** Cộng tác viên: helps the team without being a member of it. */
    COLLABORATOR
}
