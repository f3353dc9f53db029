package vn.phoihop.unit.unit;

/** A unit to create, e.g. the target of a merge. */
public record NewUnit(String code, String name, UnitKind kind, String parentId) {
}
