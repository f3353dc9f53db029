package vn.phoihop.program.program;

/** How an indicator's figures combine over time and over the unit tree. */
public enum Aggregation {
    /** Added up: sessions held, attendees, tips received. */
    SUM,
    /** The latest count reported, e.g. the number of teams. */
    LATEST,
    /** One indicator over another, e.g. households recognised / households. */
    RATIO
}
