package vn.phoihop.events.unit;

/** {@code unit.renamed.v1}: a unit's name or code changed (not effective-dated: a correction or a new name). */
public record UnitRenamed(
        String unitId,
        String code,
        String name,
        String previousCode,
        String previousName) {
}
