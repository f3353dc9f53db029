package vn.phoihop.auth.client;

/** Whose staff a client acts for: the {@code agency} claim, which decides who confirms a joint activity. */
public enum Agency {
    /** Công an. */
    POLICE,
    /** Mặt trận Tổ quốc. */
    FRONT,
    OTHER
}
