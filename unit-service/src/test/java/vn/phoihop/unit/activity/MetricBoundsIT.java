package vn.phoihop.unit.activity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.jayway.jsonpath.JsonPath;
import java.math.BigDecimal;
import java.util.List;
import org.bson.Document;
import org.bson.types.Decimal128;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import vn.phoihop.events.EventCodec;
import vn.phoihop.events.EventTypes;
import vn.phoihop.events.Topics;
import vn.phoihop.testsupport.TopicProbe;
import vn.phoihop.testsupport.WithInfrastructure;

/**
 * Every figure the write path accepts is one progress can add up exactly: 0 to 1,000,000,000 with at most three
 * decimals, kept as an exact decimal from the request to the document and the event. Anything else is a 400 naming
 * {@code metrics.<code>}, on a single log, in a batch and in a correction, and nothing is stored.
 */
@SpringBootTest
@AutoConfigureMockMvc
@WithInfrastructure
class MetricBoundsIT extends ActivityFixture {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "the largest double      | 1.7e308",
            "past the maximum        | 1000000000.001",
            "a billion and one       | 1000000001",
            "four decimals           | 0.0001",
            "four decimals, large    | 12.3456",
            "a huge exponent         | 1e999999999",
            "a tiny exponent         | 1e-999999999",
            "negative                | -0.001"})
    void aFigureOutOfBoundsIsRefusedNamingItsField(String why, String figure) throws Exception {
        var single = postJson("/api/v1/activities", body(police, List.of(), "{\"sessions\": 1, \"attendees\": " + figure + "}"),
                policeOfficer());
        assertProblem(single, 400);
        single.andExpect(jsonPath("$.errors[0].field").value("metrics.attendees"));

        String batch = "[" + body(police, List.of(), "{\"attendees\": " + figure + "}") + ","
                + body(police, List.of(), "{\"attendees\": 2}") + "]";
        postJson("/api/v1/activities/batch", batch, policeOfficer()).andExpect(status().isOk())
                .andExpect(jsonPath("$.results[0].status").value(400))
                .andExpect(jsonPath("$.results[0].problem.errors[0].field").value("metrics.attendees"))
                .andExpect(jsonPath("$.results[1].status").value(201));
        assertThat(storedFor(program)).as("only the good batch item").isEqualTo(1);

        String id = logged(body(police, List.of(), "{\"attendees\": 5}"));
        var correction = postJson("/api/v1/activities/" + id + "/corrections",
                "{\"metrics\": {\"attendees\": " + figure + "}, \"reason\": \"Đếm lại\"}", policeOfficer());
        assertProblem(correction, 400);
        correction.andExpect(jsonPath("$.errors[0].field").value("metrics.attendees"));
        assertThat(version(id)).as("the correction changed nothing").isEqualTo(1);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "Infinity as a token     | Infinity",
            "Infinity as a string    | \"Infinity\"",
            "NaN as a string         | \"NaN\"",
            "past a double           | 1e309"})
    void infinityInAnyFormIsRefused(String why, String figure) throws Exception {
        assertProblem(postJson("/api/v1/activities", body(police, List.of(), "{\"attendees\": " + figure + "}"),
                policeOfficer()), 400);
        var batch = postJson("/api/v1/activities/batch", "[" + body(police, List.of(), "{\"attendees\": " + figure + "}")
                + "]", policeOfficer());
        if (figure.equals("Infinity")) { // not JSON: the whole body is refused
            assertProblem(batch, 400);
        } else {
            batch.andExpect(status().isOk()).andExpect(jsonPath("$.results[0].status").value(400));
        }
        assertThat(storedFor(program)).isZero();
    }

    @Test
    void figuresWithinBoundsAreKeptAsExactDecimalsInTheDocumentAndTheEvent() throws Exception {
        String json = postJson("/api/v1/activities", body(police, List.of(),
                        "{\"sessions\": 1e2, \"attendees\": 1000000000}"), policeOfficer())
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        String id = JsonPath.read(json, "$.id");
        assertThat(json).contains("\"sessions\":100").contains("\"attendees\":1000000000");

        String fractions = JsonPath.read(postJson("/api/v1/activities", body(police, List.of(),
                "{\"sessions\": 1.50, \"attendees\": 999999999.999}"), policeOfficer())
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString(), "$.id");
        Document stored = database.getCollection("activities").find(new Document("_id", fractions)).first()
                .get("metrics", Document.class);
        assertThat(stored.get("attendees")).isEqualTo(new Decimal128(new BigDecimal("999999999.999")));
        assertThat(stored.get("sessions")).isEqualTo(new Decimal128(new BigDecimal("1.5")));
        var event = EventCodec.data(EventCodec.decode(TopicProbe.byKey(Topics.ACTIVITIES, fractions, 1).get(0).value()),
                EventTypes.ACTIVITY_SUBMITTED);
        assertThat((Object) event.metrics().get("attendees")).isEqualTo(new BigDecimal("999999999.999"));
        assertThat((Object) event.metrics().get("sessions")).isEqualTo(new BigDecimal("1.5"));

        String corrected = postJson("/api/v1/activities/" + id + "/corrections",
                "{\"metrics\": {\"sessions\": 0.001, \"attendees\": 0}, \"reason\": \"Đếm lại\"}", policeOfficer())
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        assertThat(corrected).contains("\"sessions\":0.001").contains("\"attendees\":0");
        var revisions = read("/api/v1/activities/" + id + "/revisions").andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(revisions).contains("\"sessions\":100").contains("\"sessions\":0.001");
    }

    @Test
    void theSameFiguresWrittenAnotherWayAreTheSameRequest() throws Exception {
        String first = postJson("/api/v1/activities", body(police, List.of(), "{\"sessions\": 1.5}"), policeOfficer(),
                "same-figures").andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        postJson("/api/v1/activities", body(police, List.of(), "{\"sessions\": 1.50}"), policeOfficer(), "same-figures")
                .andExpect(status().isCreated())
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.header()
                        .string("Idempotent-Replayed", "true"))
                .andExpect(jsonPath("$.id").value((String) JsonPath.read(first, "$.id")));
        assertThat(storedFor(program)).isEqualTo(1);
    }
}
