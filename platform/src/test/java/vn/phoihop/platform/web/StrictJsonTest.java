package vn.phoihop.platform.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

class StrictJsonTest {

    enum Kind { PROVINCE, COMMUNE, HAMLET }

    record Sample(String title, Kind kind, Double value, Integer revision, Boolean done, LocalDate on, List<String> ids,
            Map<String, Double> metrics) {
    }

    private static final JsonMapper JSON = StrictJson.apply(JsonMapper.builder()).build();

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
            "title|123", "title|true", "title|1.5", "title|[\"a\"]", "title|{\"a\":1}",
            "kind|1", "kind|\"1\"", "kind|\"commune\"", "kind|\"\"", "kind|[\"COMMUNE\"]",
            "value|\"3\"", "value|true", "value|\"\"", "value|[3]",
            "revision|1.5", "revision|1.0", "revision|\"1\"", "revision|true",
            "done|1", "done|\"true\"",
            "on|19000", "on|[2025,1,1]", "on|[]", "on|\"2025-01-01T10:00:00\"", "on|\"2025-02-30\"", "on|\"\"",
            "on|\"01/02/2025\"",
            "ids|\"a\"", "ids|[1]",
            "metrics|{\"sessions\":\"3\"}", "metrics|{\"sessions\":true}", "metrics|[]"})
    void aValueOfAnotherJsonTypeDoesNotBindAndTheErrorSaysWhere(String field, String value) {
        assertThatThrownBy(() -> JSON.readValue("{\"" + field + "\":" + value + "}", Sample.class))
                .isInstanceOfSatisfying(JacksonException.class, e ->
                        assertThat(ProblemAdvice.fieldErrors(e)).singleElement().satisfies(error ->
                                assertThat(error.field()).startsWith(field)));
    }

    @Test
    void eachJsonTypeBindsWhereTheContractHasIt() {
        Sample sample = JSON.readValue("""
                {"title":"Tuyên truyền","kind":"COMMUNE","value":5,"revision":2,"done":false,"on":"2025-07-01",
                 "ids":["a"],"metrics":{"sessions":3,"attendees":2.5}}""", Sample.class);
        assertThat(sample).isEqualTo(new Sample("Tuyên truyền", Kind.COMMUNE, 5.0, 2, false, LocalDate.of(2025, 7, 1),
                List.of("a"), Map.of("sessions", 3.0, "attendees", 2.5)));
        assertThat(JSON.readValue("{\"title\":null,\"on\":null}", Sample.class).on()).isNull();
    }

    @Test
    void aFieldSentTwiceIsRefusedByName() {
        assertThatThrownBy(() -> JSON.readValue("{\"title\":\"a\",\"title\":\"b\"}", Sample.class))
                .isInstanceOfSatisfying(JacksonException.class, e -> {
                    assertThat(ProblemAdvice.fieldErrors(e)).singleElement().satisfies(error ->
                            assertThat(error.field()).isEqualTo("title"));
                    assertThat(ProblemAdvice.describe(e)).isEqualTo("Field 'title' appears twice");
                });
    }
}
