package vn.phoihop.platform.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class BodySizeLimitTest {

    private final BodySizeLimit limit = new BodySizeLimit(100);
    private final MockHttpServletResponse response = new MockHttpServletResponse();

    @Test
    void aDeclaredLengthOverTheLimitIs413BeforeAnythingReadsTheBody() throws Exception {
        var request = json("{\"name\":\"" + "x".repeat(200) + "\"}");
        var reached = new AtomicReference<Boolean>(false);

        limit.doFilter(request, response, (req, res) -> reached.set(true));

        assertThat(reached.get()).isFalse();
        assertThat(response.getStatus()).isEqualTo(413);
        assertThat(response.getContentType()).isEqualTo("application/problem+json");
        assertThat(response.getContentAsString()).contains("\"status\":413").contains("at most 100");
    }

    @Test
    void aBodyWithoutALengthStopsAtTheLimit() throws Exception {
        var request = new MockHttpServletRequest("POST", "/api/v1/units") {
            @Override
            public long getContentLengthLong() {
                return -1; // chunked
            }
        };
        request.setContentType("application/json");
        request.setContent(("{\"name\":\"" + "x".repeat(200) + "\"}").getBytes(StandardCharsets.UTF_8));

        limit.doFilter(request, response, (req, res) -> assertThatThrownBy(() -> req.getInputStream().readAllBytes())
                .isInstanceOf(BodySizeLimit.TooLarge.class));
    }

    @Test
    void aBodyWithinTheLimitAndCsvImportsPassWhole() throws Exception {
        var read = new AtomicReference<byte[]>();
        limit.doFilter(json("{\"name\":\"Xã Một\"}"), response, (req, res) -> read.set(req.getInputStream().readAllBytes()));
        assertThat(new String(read.get(), StandardCharsets.UTF_8)).isEqualTo("{\"name\":\"Xã Một\"}");

        var csv = new MockHttpServletRequest("POST", "/api/v1/units/import");
        csv.setContentType("text/csv; charset=UTF-8");
        csv.setContent("code,name,level,parent_code\n".repeat(20).getBytes(StandardCharsets.UTF_8));
        limit.doFilter(csv, new MockHttpServletResponse(), (req, res) -> read.set(req.getInputStream().readAllBytes()));
        assertThat(read.get()).hasSize(560);
    }

    private static MockHttpServletRequest json(String body) {
        var request = new MockHttpServletRequest("POST", "/api/v1/units");
        request.setContentType("application/json");
        request.setContent(body.getBytes(StandardCharsets.UTF_8));
        return request;
    }
}
