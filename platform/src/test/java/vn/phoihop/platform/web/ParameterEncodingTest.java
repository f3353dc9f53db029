package vn.phoihop.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.FilterChain;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class ParameterEncodingTest {

    @Test
    void percentEncodedUtf8AndPlusDecode() {
        assertThat(ParameterEncoding.decode("H%C3%B2a+L%E1%BB%A3i")).isEqualTo("Hòa Lợi");
        assertThat(ParameterEncoding.decode("%24ne")).isEqualTo("$ne");
        assertThat(ParameterEncoding.decode("")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"%FF", "%FF%FE", "%ZZ", "%F", "%", "a%2", "%C3%28", "%E1%BB", "%ED%A0%80"})
    void malformedEscapesAndBytesThatAreNotUtf8DoNotDecode(String raw) {
        assertThat(ParameterEncoding.decode(raw)).isNull();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "q=%FF%FE|q|is not percent-encoded UTF-8",
            "limit=5&unknown=%FF|unknown|is not percent-encoded UTF-8",
            "status=%ZZ|status|is not percent-encoded UTF-8",
            "q=H%C3%B2a%00L%E1%BB%A3i|q|must not hold control characters",
            "q=a%0Ab|q|must not hold control characters",
            "q=a%C2%85b|q|must not hold control characters",
            "%FF=1|query|a parameter's name is not percent-encoded UTF-8 text",
            "a%00b=1|query|a parameter's name is not percent-encoded UTF-8 text",
            "%24where=%FF|query|is not percent-encoded UTF-8"})
    void theFirstBadParameterIsNamedWhenItsNameIsReadable(String query, String field, String message) {
        assertThat(ParameterEncoding.firstError(query)).hasValueSatisfying(error -> {
            assertThat(error.field()).isEqualTo(field);
            assertThat(error.message()).isEqualTo(message);
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"q=H%C3%B2a+L%E1%BB%A3i&limit=5", "q=%24ne&parentId=%7B%7D", "flag", "a=&=b&&", "q=Cần Thơ"})
    void wellFormedQueriesPass(String query) {
        assertThat(ParameterEncoding.firstError(query)).isEmpty();
    }

    @Test
    void aBadQueryIsRefusedBeforeTheChainWithAProblem() throws Exception {
        var request = new MockHttpServletRequest("GET", "/api/v1/units");
        request.setQueryString("q=%FF%FE");
        var response = new MockHttpServletResponse();
        var called = new AtomicBoolean();
        new ParameterEncoding().doFilter(request, response, chain(called));
        assertThat(called).isFalse();
        assertThat(response.getStatus()).isEqualTo(400);
        assertThat(response.getContentType()).startsWith("application/problem+json");
        assertThat(response.getContentAsString()).contains("\"status\":400", "\"field\":\"q\"");
    }

    @Test
    void aGoodQueryGoesOn() throws Exception {
        var request = new MockHttpServletRequest("GET", "/api/v1/units");
        request.setQueryString("q=can+tho");
        request.setParameter("q", "can tho");
        var called = new AtomicBoolean();
        new ParameterEncoding().doFilter(request, new MockHttpServletResponse(), chain(called));
        assertThat(called).isTrue();
    }

    private static FilterChain chain(AtomicBoolean called) {
        return (request, response) -> called.set(true);
    }
}
