package vn.phoihop.unit.unit;

import java.util.List;

/** One page of a listing; {@code next} is null on the last page. */
public record UnitPage(List<Unit> items, UnitQuery.PageKey next) {
}
