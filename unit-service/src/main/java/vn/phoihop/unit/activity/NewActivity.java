package vn.phoihop.unit.activity;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * What a caller asks to log; shapes (ids, lengths, metric keys and values) are checked by the web adapter already,
 * and figures are in their canonical form ({@link vn.phoihop.events.activity.Figures#canonical}).
 *
 * @param id the client's own id for it, so an offline device can retry safely; {@code null} to let the service pick
 */
public record NewActivity(String id, String programId, String unitId, List<String> coUnitIds, ActivityType type,
        LocalDate occurredOn, String title, String description, Map<String, BigDecimal> metrics) {
}
