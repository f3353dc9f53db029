package vn.phoihop.platform.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import com.jayway.jsonpath.JsonPath;
import jakarta.validation.Valid;
import jakarta.validation.Validation;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.validation.beanvalidation.LocalValidatorFactoryBean;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Dates outside 1900-01-01..2199-12-31 (a year of five digits, a negative one) are a 400 naming the field, in a body
 * and in a parameter; a body validated together with constrained parameters names its own fields.
 */
class CalendarDateTest {

    record Body(@NotNull @CalendarDate LocalDate occurredOn, @Size(max = 5) String title, @Valid Inner consent) {
    }

    record Inner(@CalendarDate LocalDate givenOn) {
    }

    @RestController
    static class Dates {

        @PostMapping("/things/{id}")
        String post(@PathVariable @Pattern(regexp = "[a-z]+") String id, @Valid @RequestBody Body body) {
            return "ok";
        }

        @GetMapping("/things")
        String list(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @CalendarDate LocalDate from) {
            return "ok";
        }
    }

    private final MockMvc mvc;

    CalendarDateTest() {
        var validator = new LocalValidatorFactoryBean();
        validator.afterPropertiesSet();
        mvc = MockMvcBuilders.standaloneSetup(new Dates()).setControllerAdvice(new ProblemAdvice()).setValidator(validator)
                .build();
    }

    @Test
    void theWindowHoldsItsEndsAndNothingBeyond() {
        var validator = Validation.buildDefaultValidatorFactory().getValidator();
        assertThat(validator.validate(new Inner(CalendarWindow.FIRST))).isEmpty();
        assertThat(validator.validate(new Inner(CalendarWindow.LAST))).isEmpty();
        assertThat(validator.validate(new Inner(null))).isEmpty();
        for (LocalDate outside : List.of(CalendarWindow.FIRST.minusDays(1), CalendarWindow.LAST.plusDays(1),
                LocalDate.MIN, LocalDate.MAX, LocalDate.of(10_000, 1, 1))) {
            assertThat(validator.validate(new Inner(outside))).as(outside.toString()).hasSize(1);
        }
    }

    @Test
    void aBodyDateOutsideTheWindowIsA400NamingItsField() throws Exception {
        var response = post("/things/abc", """
                {"occurredOn": "+999999999-12-31", "title": "too long", "consent": {"givenOn": "-9999-01-01"}}""");
        assertThat(response.getStatus()).isEqualTo(400);
        assertThat(fields(response)).containsExactlyInAnyOrder("occurredOn", "title", "consent.givenOn");
        assertThat(post("/things/abc", "{\"occurredOn\": \"2025-07-01\"}").getStatus()).isEqualTo(200);
    }

    @Test
    void aParameterDateOutsideTheWindowIsA400NamingIt() throws Exception {
        for (String from : List.of("-999999999-01-01", "+10000-01-01", "1899-12-31")) {
            var response = mvc.perform(get("/things").param("from", from)).andReturn().getResponse();
            assertThat(response.getStatus()).as(from).isEqualTo(400);
            assertThat(fields(response)).containsExactly("from");
        }
        assertThat(mvc.perform(get("/things").param("from", "2199-12-31")).andReturn().getResponse().getStatus())
                .isEqualTo(200);
    }

    private MockHttpServletResponse post(String path, String json) throws Exception {
        return mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post(path)
                .contentType(MediaType.APPLICATION_JSON).content(json)).andReturn().getResponse();
    }

    private static List<String> fields(MockHttpServletResponse response) throws Exception {
        return JsonPath.read(response.getContentAsString(), "$.errors[*].field");
    }
}
