package vn.phoihop.program.program;

/** DRAFT → ACTIVE → CONCLUDED; activities are accepted only while ACTIVE. */
public enum ProgramStatus { DRAFT, ACTIVE, SUSPENDED, CONCLUDED }
