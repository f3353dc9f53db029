package vn.phoihop.program.progress.latest;

/** Sets an activity's report on one indicator of one unit ({@code report} null: takes it away). */
public record ReportChange(String programId, String indicator, String unitId, String activityId, Report report) {
}
