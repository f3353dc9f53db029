package vn.phoihop.program.review;

/** Annual review, interim review (sơ kết), final review (tổng kết). */
public enum ReviewKind { ANNUAL, INTERIM, FINAL }
