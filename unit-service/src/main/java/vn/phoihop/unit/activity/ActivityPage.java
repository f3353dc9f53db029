package vn.phoihop.unit.activity;

import java.util.List;

/** A page of activities and where the next one starts ({@code null} on the last page). */
public record ActivityPage(List<Activity> items, ActivityQuery.PageKey next) {
}
