package vn.phoihop.program.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;


import com.jayway.jsonpath.JsonPath;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.web.servlet.MockMvc;
import vn.phoihop.events.EventCodec;
import vn.phoihop.events.EventTypes;
import vn.phoihop.events.Topics;
import vn.phoihop.events.activity.ActivityState;
import vn.phoihop.events.unit.UnitCreated;
import vn.phoihop.program.TestFigures;
import vn.phoihop.program.unitview.UnitTreeView;
import vn.phoihop.testsupport.Callers;
import vn.phoihop.testsupport.WithInfrastructure;

/** Reviews freeze progress; progress and reviews export as CSV and XLSX with Vietnamese headers. */
@SpringBootTest
@AutoConfigureMockMvc
@WithInfrastructure
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReviewsAndExportsIT {

    static final String RUN = UUID.randomUUID().toString().substring(0, 6);
    static final String CITY = "city-" + RUN;
    static final String WARD_A = "ward-a-" + RUN;
    static final String WARD_B = "ward-b-" + RUN;

    @Autowired
    MockMvc mvc;
    @Autowired
    KafkaTemplate<String, String> kafka;
    @Autowired
    UnitTreeView units;

    final EventCodec events = new EventCodec("/unit-service", Clock.systemUTC());
    String program;

    @BeforeAll
    void unitsAndAProgramWithFigures() throws Exception {
        unit(new UnitCreated(CITY, "92-" + RUN, "Thành phố Cần Thơ", "PROVINCE", null, List.of(), LocalDate.parse("2004-01-01")));
        unit(new UnitCreated(WARD_A, "31117-" + RUN, "Phường Cái Khế", "COMMUNE", CITY, List.of(CITY), LocalDate.parse("2004-01-01")));
        unit(new UnitCreated(WARD_B, "31120-" + RUN, "Phường An Hòa", "COMMUNE", CITY, List.of(CITY), LocalDate.parse("2004-01-01")));
        await().atMost(Duration.ofSeconds(60)).until(() -> units.find(WARD_B).isPresent());

        program = JsonPath.read(ok(post("/api/v1/programs").contentType(MediaType.APPLICATION_JSON)
                .content("{\"code\":\"RV-" + RUN + "\",\"title\":\"Chương trình 09\",\"kind\":\"COORDINATION_PROGRAM\","
                        + "\"startsOn\":\"2013-01-01\",\"endsOn\":\"2033-12-31\",\"scopeUnitId\":\"" + CITY + "\"}"), 201), "$.id");
        for (String indicator : List.of(
                "{\"code\":\"households\",\"name\":\"Hộ gia đình\",\"aggregation\":\"SUM\"}",
                "{\"code\":\"recognised\",\"name\":\"Hộ đạt danh hiệu\",\"aggregation\":\"SUM\"}",
                "{\"code\":\"share\",\"name\":\"Tỉ lệ hộ đạt\",\"aggregation\":\"RATIO\",\"numeratorCode\":\"recognised\",\"denominatorCode\":\"households\"}")) {
            ok(post("/api/v1/programs/" + program + "/indicators").contentType(MediaType.APPLICATION_JSON).content(indicator), 201);
        }
        activity(WARD_A, Map.of("households", 134_015.0, "recognised", 127_496.0));
        activity(WARD_B, Map.of("households", 134_016.0, "recognised", 127_495.0));
        awaitHouseholds(268_031.0);
    }

    @Test
    void progressExportsAsCsvWithVietnameseHeadersAndPlainNumbers() throws Exception {
        byte[] csv = mvc.perform(get("/api/v1/programs/" + program + "/progress").param("unitId", CITY)
                        .param("from", "2016-01-01").param("to", "2016-12-31").accept("text/csv").with(Callers.admin()))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith("text/csv"))
                .andExpect(header().string("Content-Disposition", org.hamcrest.Matchers.containsString("attachment")))
                .andReturn().getResponse().getContentAsByteArray();

        assertThat(csv).startsWith(0xEF, 0xBB, 0xBF);
        List<String> lines = new String(csv, 3, csv.length - 3, StandardCharsets.UTF_8).lines().toList();
        assertThat(lines.get(1)).isEqualTo("Đơn vị: Thành phố Cần Thơ (" + CITY + ")");
        assertThat(lines).contains("Mã chỉ tiêu,Tên chỉ tiêu,Thực hiện,Mục tiêu,Tỉ lệ đạt",
                "households,Hộ gia đình,268031,,", "recognised,Hộ đạt danh hiệu,254991,,");
        assertThat(lines).anySatisfy(line -> assertThat(line).startsWith("share,Tỉ lệ hộ đạt,0.951"));
    }

    @Test
    void targetsShowInProgressWithTheShareAchieved() throws Exception {
        for (String target : List.of(
                "{\"indicatorCode\":\"recognised\",\"unitId\":\"" + WARD_A + "\",\"periodStart\":\"2017-01-01\",\"periodEnd\":\"2017-12-31\",\"value\":1000}",
                "{\"indicatorCode\":\"recognised\",\"unitId\":\"" + WARD_A + "\",\"periodStart\":\"2018-01-01\",\"periodEnd\":\"2018-12-31\",\"value\":1500}",
                "{\"indicatorCode\":\"share\",\"unitId\":\"" + WARD_A + "\",\"periodStart\":\"2016-01-01\",\"periodEnd\":\"2016-12-31\",\"value\":0.95}",
                "{\"indicatorCode\":\"households\",\"unitId\":\"" + CITY + "\",\"periodStart\":\"2013-01-01\",\"periodEnd\":\"2033-12-31\",\"value\":300000}")) {
            ok(post("/api/v1/programs/" + program + "/targets").contentType(MediaType.APPLICATION_JSON).content(target), 201);
        }

        String years = ok(get("/api/v1/programs/" + program + "/progress").param("unitId", WARD_A)
                .param("from", "2017-01-01").param("to", "2018-12-31"), 200);
        assertThat(figure(years, "$.indicators[1].target")).as("yearly targets add up").isEqualByComparingTo("2500");
        assertThat(figure(years, "$.indicators[1].ratio")).isEqualByComparingTo("0");
        assertThat((Object) JsonPath.read(years, "$.indicators[2].target")).as("a ratio's target is never added up").isNull();

        String year = ok(get("/api/v1/programs/" + program + "/progress").param("unitId", WARD_A)
                .param("from", "2016-01-01").param("to", "2016-12-31"), 200);
        BigDecimal share = figure(year, "$.indicators[2].actual");
        assertThat(share).as("recognised over households of the ward, six decimals").isBetween(new BigDecimal("0.95"),
                new BigDecimal("0.96"));
        assertThat(figure(year, "$.indicators[2].ratio")).as("the share over its target, six decimals, half up")
                .isEqualByComparingTo(share.divide(new BigDecimal("0.95"), 6, java.math.RoundingMode.HALF_UP));

        String whole = ok(get("/api/v1/programs/" + program + "/progress"), 200);
        BigDecimal households = figure(whole, "$.indicators[0].actual");
        assertThat(figure(whole, "$.indicators[0].target")).as("the whole program's target is its scope's")
                .isEqualByComparingTo("300000");
        assertThat(figure(whole, "$.indicators[0].ratio")).isEqualByComparingTo(
                households.divide(new BigDecimal(300_000), 6, java.math.RoundingMode.HALF_UP));
    }

    @Test
    void progressExportsAsXlsxWithCountAndPercentFormats() throws Exception {
        byte[] xlsx = mvc.perform(get("/api/v1/programs/" + program + "/progress.xlsx").param("unitId", CITY)
                        .with(Callers.admin()))
                .andExpect(status().isOk())
                .andExpect(content().contentType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))
                .andReturn().getResponse().getContentAsByteArray();

        try (var workbook = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            Sheet sheet = workbook.getSheet("Tiến độ");
            var header = sheet.getRow(4);
            assertThat(header.getCell(2).getStringCellValue()).isEqualTo("Thực hiện");
            assertThat(workbook.getFontAt(header.getCell(2).getCellStyle().getFontIndex()).getBold()).isTrue();
            var households = sheet.getRow(5);
            assertThat(households.getCell(0).getStringCellValue()).isEqualTo("households");
            assertThat(households.getCell(2).getNumericCellValue()).isEqualTo(268_031.0);
            assertThat(households.getCell(2).getCellStyle().getDataFormatString()).isEqualTo("#,##0");
            var share = sheet.getRow(7);
            assertThat(share.getCell(2).getNumericCellValue()).isCloseTo(0.9513, org.assertj.core.data.Offset.offset(0.0001));
            assertThat(share.getCell(2).getCellStyle().getDataFormatString()).isEqualTo("0.0%");
        }
        mvc.perform(get("/api/v1/programs/nope/progress.xlsx").with(Callers.admin())).andExpect(status().isNotFound());
        mvc.perform(get("/api/v1/programs/" + program + "/progress.xlsx").param("from", "2020-01-01").param("to", "2019-01-01")
                .with(Callers.admin())).andExpect(status().isBadRequest());
    }

    @Test
    void aReviewFreezesProgressKeepsItWhileFiguresMoveOnAndCollectsAwards() throws Exception {
        String review = "{\"kind\":\"INTERIM\",\"unitId\":\"" + CITY + "\",\"periodStart\":\"2013-01-01\","
                + "\"periodEnd\":\"2033-12-31\",\"title\":\"Sơ kết 5 năm Chương trình 09\"}";
        String frozen = ok(post("/api/v1/programs/" + program + "/reviews").contentType(MediaType.APPLICATION_JSON)
                .content(review), 201);
        String rid = JsonPath.read(frozen, "$.id");
        double before = figure(frozen, "$.progress.indicators[0].actual").doubleValue();

        activity(WARD_A, Map.of("households", 10.0));
        awaitHouseholds(before + 10);

        String again = ok(get("/api/v1/programs/" + program + "/reviews/" + rid), 200);
        assertThat(figure(again, "$.progress.indicators[0].actual").doubleValue()).isEqualTo(before);
        String later = ok(post("/api/v1/programs/" + program + "/reviews").contentType(MediaType.APPLICATION_JSON)
                .content(review.replace("INTERIM", "ANNUAL")), 201);
        assertThat(figure(later, "$.progress.indicators[0].actual").doubleValue()).isEqualTo(before + 10);

        ok(post("/api/v1/programs/" + program + "/reviews/" + rid + "/awards").contentType(MediaType.APPLICATION_JSON)
                .content("{\"recipientType\":\"COLLECTIVE\",\"recipientName\":\"Tổ an ninh nhân dân khu vực 3\",\"unitId\":\""
                        + WARD_A + "\",\"form\":\"CERTIFICATE_OF_MERIT\",\"issuedBy\":\"Chủ tịch UBND thành phố\"}"), 201);
        for (String bad : List.of("{\"recipientType\":\"TEAM\",\"recipientName\":\"x\",\"form\":\"MEDAL\",\"issuedBy\":\"y\"}",
                "{\"recipientType\":\"INDIVIDUAL\",\"recipientName\":\"\",\"form\":\"MEDAL\",\"issuedBy\":\"y\"}",
                "{\"recipientType\":\"INDIVIDUAL\",\"recipientName\":{\"$gt\":\"\"},\"form\":\"MEDAL\",\"issuedBy\":\"y\"}",
                "{\"recipientType\":\"INDIVIDUAL\",\"recipientName\":\"x\",\"form\":\"TROPHY\",\"issuedBy\":\"y\"}")) {
            ok(post("/api/v1/programs/" + program + "/reviews/" + rid + "/awards").contentType(MediaType.APPLICATION_JSON)
                    .content(bad), 400);
        }
        ok(post("/api/v1/programs/" + program + "/reviews/no-such/awards").contentType(MediaType.APPLICATION_JSON)
                .content("{\"recipientType\":\"INDIVIDUAL\",\"recipientName\":\"x\",\"form\":\"MEDAL\",\"issuedBy\":\"y\"}"), 404);
        for (var edit : List.of(put("/api/v1/programs/" + program + "/reviews/" + rid),
                patch("/api/v1/programs/" + program + "/reviews/" + rid), delete("/api/v1/programs/" + program + "/reviews/" + rid))) {
            ok(edit.contentType(MediaType.APPLICATION_JSON).content(review), 405);
        }
        String withAward = ok(get("/api/v1/programs/" + program + "/reviews/" + rid), 200);
        assertThat(figure(withAward, "$.progress.indicators[0].actual").doubleValue()).isEqualTo(before);
        assertThat((List<String>) JsonPath.read(withAward, "$.awards[*].form")).containsExactly("CERTIFICATE_OF_MERIT");
        assertThat((List<String>) JsonPath.read(ok(get("/api/v1/programs/" + program + "/reviews"), 200), "$.items[*].id"))
                .contains(rid);

        byte[] xlsx = mvc.perform(get("/api/v1/programs/" + program + "/reviews/" + rid + ".xlsx").with(Callers.admin()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
        try (var workbook = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            assertThat(workbook.getSheet("Kết quả").getRow(0).getCell(0).getStringCellValue()).startsWith("Sơ kết 5 năm");
            var award = workbook.getSheet("Khen thưởng").getRow(1);
            assertThat(award.getCell(0).getStringCellValue()).isEqualTo("Bằng khen");
            assertThat(award.getCell(1).getStringCellValue()).isEqualTo("Tập thể");
        }

        // the same frozen figures as CSV (UTF-8 with a byte-order mark), for the web app's review page
        byte[] csv = mvc.perform(get("/api/v1/programs/" + program + "/reviews/" + rid + ".csv").with(Callers.admin()))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith("text/csv"))
                .andExpect(header().string("Content-Disposition",
                        org.hamcrest.Matchers.containsString("so-ket.csv")))
                .andReturn().getResponse().getContentAsByteArray();
        String text = new String(csv, StandardCharsets.UTF_8);
        assertThat(text).startsWith("\uFEFF\"Sơ kết 5 năm");
        String code = JsonPath.read(withAward, "$.progress.indicators[0].code");
        assertThat(text.lines()).anySatisfy(line -> assertThat(line).startsWith(code + ",")
                .contains("," + figure(withAward, "$.progress.indicators[0].actual").stripTrailingZeros().toPlainString() + ","));
        ok(get("/api/v1/programs/" + program + "/reviews/no-such.csv"), 404);
    }

    @Test
    void badReviewsAreRefusedAndNothingIsFrozen() throws Exception {
        int before = ((List<?>) JsonPath.read(ok(get("/api/v1/programs/" + program + "/reviews"), 200), "$.items")).size();
        String base = "{\"kind\":\"FINAL\",\"unitId\":\"" + CITY + "\",\"periodStart\":\"2020-01-01\",\"periodEnd\":\"2020-12-31\",\"title\":\"Tổng kết\"}";
        ok(post("/api/v1/programs/" + program + "/reviews").contentType(MediaType.APPLICATION_JSON)
                .content(base.replace("2020-12-31", "2019-12-31")), 400);
        ok(post("/api/v1/programs/" + program + "/reviews").contentType(MediaType.APPLICATION_JSON)
                .content(base.replace("FINAL", "YEARLY")), 400);
        ok(post("/api/v1/programs/" + program + "/reviews").contentType(MediaType.APPLICATION_JSON)
                .content(base.replace(CITY, "nowhere")), 422);
        ok(post("/api/v1/programs/nope/reviews").contentType(MediaType.APPLICATION_JSON).content(base), 404);
        ok(get("/api/v1/programs/" + program + "/reviews/no-such"), 404);
        assertThat((List<?>) JsonPath.read(ok(get("/api/v1/programs/" + program + "/reviews"), 200), "$.items")).hasSize(before);
    }

    private void awaitHouseholds(double expected) {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            String json = ok(get("/api/v1/programs/" + program + "/progress").param("unitId", CITY), 200);
            assertThat(figure(json, "$.indicators[0].actual").doubleValue()).isEqualTo(expected);
        });
    }

    /** The number at {@code path}, as the exact decimal the JSON holds. */
    static BigDecimal figure(String json, String path) {
        Object found = JsonPath.read(json, path);
        return found == null ? null : new BigDecimal(found.toString());
    }

    private void unit(UnitCreated unit) throws Exception {
        var path = new ArrayList<>(unit.ancestorIds());
        path.add(unit.unitId());
        kafka.send(Topics.UNITS, unit.unitId(), EventCodec.encode(events.create(EventTypes.UNIT_CREATED, unit.unitId(),
                unit.unitId(), null, path, unit))).get();
    }

    private void activity(String ward, Map<String, ? extends Number> metrics) throws Exception {
        String id = UUID.randomUUID().toString();
        var data = new ActivityState(id, 1, program, ward, List.of(CITY), List.of(), "RECOGNITION", LocalDate.of(2016, 12, 20),
                TestFigures.of(metrics), "SUBMITTED", true);
        kafka.send(Topics.ACTIVITIES, id, EventCodec.encode(events.create(EventTypes.ACTIVITY_SUBMITTED, id, id, program,
                List.of(CITY, ward), data))).get();
    }

    private String ok(org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder request, int expected)
            throws Exception {
        return mvc.perform(request.with(Callers.admin())).andExpect(status().is(expected)).andReturn().getResponse()
                .getContentAsString();
    }
}
