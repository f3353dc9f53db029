package vn.phoihop.gateway.edge;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class MalformedUrisTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "/api/v1/units?q=%ZZ|uri", "/api/v1/units?q=a b|uri", "/api/v1/units?q=\u00ff|uri", "/api/v1/units?q=a{b|uri",
            "/api/v1/units/%FF|path", "/api/v1/units/a%00b|path", "/api/v1/units/%C3%28|path",
            "/api/v1/units?q=%FF%FE|q", "/api/v1/stream?types=%00|types", "/api/v1/units?q=a%0D%0Ab|q",
            "/api/v1/units?%FF=1|query", "/api/v1/units?a%00=1|query"})
    void aMalformedUriIsNamedWhereItIsWrong(String uri, String field) {
        assertThat(MalformedUris.firstError(uri)).hasValueSatisfying(error -> assertThat(error.field()).isEqualTo(field));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/units?q=H%C3%B2a+L%E1%BB%A3i&limit=5", "/api/v1/units/abc-123", "/",
            "/api/v1/stream?types=activity.submitted.v1,unit.created.v1", "/api/v1/units?q=%24ne&parentId=%7B%7D",
            "/oauth2/authorize?response_type=code&redirect_uri=http%3A%2F%2F127.0.0.1%3A8080%2Fcb"})
    void aWellFormedUriPasses(String uri) {
        assertThat(MalformedUris.firstError(uri)).isEmpty();
    }
}
