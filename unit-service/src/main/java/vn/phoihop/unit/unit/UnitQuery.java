package vn.phoihop.unit.unit;

import java.time.LocalDate;

/**
 * A list of units as they stood on {@code asOf}: children of {@code parentId}, the whole subtree under
 * {@code ancestorId}, or every unit; optionally only one {@code kind} and names containing {@code q} (ignoring case
 * and diacritics). {@code after} is where the previous page stopped in the order (code, id).
 */
public record UnitQuery(String parentId, String ancestorId, UnitKind kind, String q, LocalDate asOf,
        int limit, PageKey after) {

    /** A position in the listing order. */
    public record PageKey(String code, String id) {
    }
}
