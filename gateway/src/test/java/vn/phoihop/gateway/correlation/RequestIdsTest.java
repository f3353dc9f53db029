package vn.phoihop.gateway.correlation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class RequestIdsTest {

    @ParameterizedTest
    @ValueSource(strings = {"abc", "A-b_c.9", "0123456789012345678901234567890123456789012345678901234567890123"})
    void safeIdsAreKept(String id) {
        assertThat(RequestIds.acceptOrCreate(id)).isEqualTo(id);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"has space", "line\nbreak", "<script>", "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", "é"})
    void othersAreReplacedByAUuid(String id) {
        String accepted = RequestIds.acceptOrCreate(id);
        assertThat(accepted).isNotEqualTo(id).matches("[0-9a-f-]{36}");
    }
}
