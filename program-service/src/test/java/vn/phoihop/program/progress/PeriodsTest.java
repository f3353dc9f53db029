package vn.phoihop.program.progress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import vn.phoihop.platform.web.CalendarWindow;

class PeriodsTest {

    @Test
    void aWholeYearIsOneBucketAndRaggedEdgesAreMonthsThenDays() {
        assertThat(Periods.covering(LocalDate.of(2019, 1, 1), LocalDate.of(2019, 12, 31))).containsExactly("2019");
        assertThat(Periods.covering(LocalDate.of(2019, 11, 30), LocalDate.of(2021, 2, 2)))
                .containsExactly("2019-11-30", "2019-12", "2020", "2021-01", "2021-02-01", "2021-02-02");
        assertThat(Periods.covering(LocalDate.of(2024, 2, 1), LocalDate.of(2024, 2, 29))).containsExactly("2024-02");
    }

    @Test
    void bucketsCoverEveryDayOfAnyRangeExactlyOnce() {
        var random = new Random(20250701);
        for (int run = 0; run < 500; run++) {
            LocalDate from = LocalDate.of(2015, 1, 1).plusDays(random.nextInt(4000));
            LocalDate to = from.plusDays(random.nextInt(1200));
            List<LocalDate> covered = new ArrayList<>();
            for (String bucket : Periods.covering(from, to)) {
                covered.addAll(days(bucket));
            }
            assertThat(covered).as("%s..%s", from, to).isEqualTo(from.datesUntil(to.plusDays(1)).toList());
        }
    }

    @Test
    void aRangeOutsideTheCalendarWindowIsRefusedBeforeAnyBucketIsMade() {
        assertThatThrownBy(() -> Periods.covering(LocalDate.of(1899, 12, 31), LocalDate.of(1900, 1, 1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Periods.covering(LocalDate.MIN, LocalDate.MAX)).isInstanceOf(IllegalArgumentException.class);
        assertThat(Periods.covering(CalendarWindow.FIRST, CalendarWindow.LAST)).as("the widest range: a bucket a year")
                .hasSize(300);
        assertThat(Periods.covering(CalendarWindow.FIRST.plusDays(1), CalendarWindow.LAST.minusDays(1)))
                .as("the most buckets any range reads").hasSizeLessThan(400);
    }

    @Test
    void aFigureGoesToItsAllYearMonthAndDayBuckets() {
        assertThat(Periods.of(LocalDate.of(2019, 8, 19))).containsExactly("all", "2019", "2019-08", "2019-08-19");
    }

    private static List<LocalDate> days(String bucket) {
        return switch (bucket.length()) {
            case 4 -> LocalDate.of(Integer.parseInt(bucket), 1, 1).datesUntil(LocalDate.of(Integer.parseInt(bucket) + 1, 1, 1)).toList();
            case 7 -> {
                LocalDate first = LocalDate.parse(bucket + "-01");
                yield first.datesUntil(first.plusMonths(1)).toList();
            }
            default -> List.of(LocalDate.parse(bucket));
        };
    }
}
