package vn.phoihop.program.program;

/** Directive (chỉ thị), program (chương trình), coordination program (chương trình phối hợp), campaign. */
public enum ProgramKind { DIRECTIVE, PROGRAM, COORDINATION_PROGRAM, CAMPAIGN }
