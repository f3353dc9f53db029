package vn.phoihop.platform.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.web.firewall.RequestRejectedException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

class ProblemAdviceTest {

    private final ProblemAdvice advice = new ProblemAdvice();

    @Test
    void securityRefusalsAreLeftToSpringSecurityNotTurnedInto500() {
        assertThatThrownBy(() -> advice.unexpected(new AccessDeniedException("outside scope")))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> advice.unexpected(new BadCredentialsException("expired")))
                .isInstanceOf(BadCredentialsException.class);
    }

    @Test
    void anythingElseIsA500WithoutInternals() throws Exception {
        var response = advice.unexpected(new IllegalStateException("connection string mongodb://secret@host"));
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);
        assertThat(((ProblemDetail) response.getBody()).getDetail()).doesNotContain("secret");
    }

    record Body(String title, StrictJsonTest.Kind kind, Double value, Integer revision, java.time.LocalDate on,
            List<String> ids, java.util.Map<String, Double> metrics) {
    }

    @Test
    void aMismatchNamesTheFieldAndTheJsonTypeItMustHaveNeverTheValue() {
        assertThat(errorOf("{\"title\":4711}")).isEqualTo(new ApiException.FieldError("title", "must be a string"));
        assertThat(errorOf("{\"kind\":1}")).isEqualTo(
                new ApiException.FieldError("kind", "must be one of PROVINCE, COMMUNE, HAMLET"));
        assertThat(errorOf("{\"value\":\"3\"}")).isEqualTo(new ApiException.FieldError("value", "must be a number"));
        assertThat(errorOf("{\"revision\":1.5}")).isEqualTo(
                new ApiException.FieldError("revision", "must be a whole number"));
        assertThat(errorOf("{\"on\":[2025,1,1]}")).isEqualTo(
                new ApiException.FieldError("on", "must be a date as YYYY-MM-DD"));
        assertThat(errorOf("{\"ids\":\"a\"}")).isEqualTo(new ApiException.FieldError("ids", "must be an array"));
        assertThat(errorOf("{\"ids\":[\"a\",7]}")).isEqualTo(new ApiException.FieldError("ids[1]", "must be a string"));
        assertThat(errorOf("{\"metrics\":{\"tips-received\":true}}")).isEqualTo(
                new ApiException.FieldError("metrics.tips-received", "must be a number"));
        // a key that is no field name may be anything the client typed, personal data included: not echoed
        assertThat(errorOf("{\"metrics\":{\"0912 345 678\":true}}").field()).isEqualTo("metrics.?");
        assertThat(errorOf("{\"title\":\"a\",\"0912345678\":1}")).isEqualTo(
                new ApiException.FieldError("body", "is not a field of this request"));
    }

    @Test
    void parametersTomcatCannotReadAreTheirOwn4xxNotA500() {
        assertThat(advice.invalidParameters(new InvalidParameterException("bad %FF", 400)).getStatusCode().value())
                .isEqualTo(400);
        assertThat(advice.invalidParameters(new InvalidParameterException("too many", 413)).getStatusCode().value())
                .isEqualTo(413);
    }

    @Test
    void aHeaderTheFirewallRefusesIsA400ThatDoesNotQuoteIt() {
        var response = advice.rejected(new RequestRejectedException("header X-Purpose has a value \"0912345678\""));
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(((ProblemDetail) response.getBody()).getDetail()).doesNotContain("0912345678");
    }

    private static ApiException.FieldError errorOf(String json) {
        var mapper = StrictJson.apply(JsonMapper.builder()).build();
        try {
            mapper.readValue(json, Body.class);
        } catch (JacksonException e) {
            return ProblemAdvice.fieldErrors(e).get(0);
        }
        throw new AssertionError("bound: " + json);
    }
}
