package vn.phoihop.platform.audit.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.servlet.ServletException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.slf4j.MDC;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.web.servlet.HandlerMapping;
import vn.phoihop.platform.audit.AuditEntry;
import vn.phoihop.platform.audit.AuditLog;
import vn.phoihop.platform.audit.AuditOutcome;
import vn.phoihop.platform.web.RequestIds;

/** Which requests the filter records, and what it writes; MVC's and security's traces are set by hand. */
class AuditFilterTest {

    static final Instant NOW = Instant.parse("2026-08-19T02:30:00Z");

    final List<AuditEntry> recorded = new ArrayList<>();
    AuditLog audit = recorded::add;
    final Counter failures = new SimpleMeterRegistry().counter("phoihop.audit.failures");
    final MockHttpServletResponse response = new MockHttpServletResponse();

    @AfterEach
    void clearMdc() {
        MDC.clear();
    }

    @Test
    void aCreateIsRecordedWithWhoWhatWhichFromWhereAndTheNewId() throws Exception {
        MDC.put(RequestIds.MDC_KEY, "req-1");
        var request = routed("POST", "/api/v1/units/u-1/members", "/api/v1/units/{unitId}/members", Map.of("unitId", "u-1"));
        signedIn(request, "officer-7");
        request.addHeader("X-Forwarded-For", "203.0.113.9");
        request.setContent("{\"phone\":\"0901234567\"}".getBytes());

        filter().doFilter(request, response, (req, res) -> {
            ((MockHttpServletResponse) res).setStatus(201);
            ((MockHttpServletResponse) res).setHeader("Location", "/api/v1/units/u-1/members/m-9");
        });

        assertThat(recorded).singleElement().satisfies(e -> {
            assertThat(e.at()).isEqualTo(NOW);
            assertThat(e.actor()).isEqualTo("officer-7");
            assertThat(e.action()).isEqualTo("POST /api/v1/units/{unitId}/members");
            assertThat(e.resourceType()).isEqualTo("units");
            assertThat(e.resourceIds()).containsExactly("u-1", "m-9");
            assertThat(e.unitId()).isEqualTo("u-1");
            assertThat(e.from()).isEqualTo("203.0.113.9");
            assertThat(e.requestId()).isEqualTo("req-1");
            assertThat(e.outcome()).isEqualTo(AuditOutcome.SUCCESS);
            assertThat(e.purpose()).isNull();
            assertThat(e.toString()).doesNotContain("0901234567");
        });
    }

    @Test
    void pathVariablesAreKeptInTheRoutesOrderAndOnlyIfTheyAreIds() throws Exception {
        var request = routed("POST", "/api/v1/programs/p-1/reviews/x/awards", "/api/v1/programs/{id}/reviews/{rid}/awards",
                Map.of("rid", "$where: 1", "id", "p-1"));

        filter().doFilter(request, response, (req, res) -> ((MockHttpServletResponse) res).setStatus(400));

        assertThat(recorded).singleElement().satisfies(e -> {
            assertThat(e.resourceType()).isEqualTo("programs");
            assertThat(e.resourceIds()).containsExactly("p-1", "(not an id)");
            assertThat(e.unitId()).isNull();
            assertThat(e.outcome()).isEqualTo(AuditOutcome.FAILED);
            assertThat(e.actor()).isEqualTo(AuditEntry.ANONYMOUS);
        });
    }

    @ParameterizedTest(name = "{0} {1} → {2}")
    @CsvSource({"POST, 200, SUCCESS", "PATCH, 204, SUCCESS", "DELETE, 401, DENIED", "PUT, 403, DENIED",
            "POST, 404, FAILED", "POST, 409, FAILED", "POST, 422, FAILED", "POST, 500, FAILED"})
    void theOutcomeIsWhatTheStatusSays(String method, int status, AuditOutcome outcome) throws Exception {
        filter().doFilter(routed(method, "/api/v1/units/u-1", "/api/v1/units/{id}", Map.of("id", "u-1")), response,
                (req, res) -> ((MockHttpServletResponse) res).setStatus(status));

        assertThat(recorded).singleElement().extracting(AuditEntry::outcome).isEqualTo(outcome);
    }

    @Test
    void readsAreNotRecordedButReadingTheAuditIs() throws Exception {
        filter().doFilter(new MockHttpServletRequest("GET", "/api/v1/units/u-1"), response, (req, res) -> { });
        filter().doFilter(new MockHttpServletRequest("HEAD", "/api/v1/units"), response, (req, res) -> { });
        assertThat(recorded).isEmpty();

        var request = routed("GET", "/api/v1/audit", "/api/v1/audit", Map.of());
        signedIn(request, "admin");
        filter().doFilter(request, response, (req, res) -> { });
        assertThat(recorded).singleElement().satisfies(e -> {
            assertThat(e.action()).isEqualTo("GET /api/v1/audit");
            assertThat(e.resourceType()).isEqualTo("audit");
            assertThat(e.actor()).isEqualTo("admin");
        });
    }

    @Test
    void aRequestThatMatchedNoRouteIsRecordedWithoutOne() throws Exception {
        var request = new MockHttpServletRequest("PUT", "/api/v1/audit");
        request.setRemoteAddr("10.0.0.5");

        filter().doFilter(request, response, (req, res) -> ((MockHttpServletResponse) res).setStatus(405));

        assertThat(recorded).singleElement().satisfies(e -> {
            assertThat(e.action()).isEqualTo("PUT (no route)");
            assertThat(e.resourceType()).isEqualTo("audit");
            assertThat(e.resourceIds()).isEmpty();
            assertThat(e.from()).isEqualTo("10.0.0.5");
            assertThat(e.outcome()).isEqualTo(AuditOutcome.FAILED);
        });
    }

    @Test
    void aFailureThatEscapesTheChainIsRecordedAsFailedAndStillThrown() {
        var request = routed("POST", "/api/v1/units", "/api/v1/units", Map.of());

        assertThatThrownBy(() -> filter().doFilter(request, response, (req, res) -> {
            throw new ServletException("boom");
        })).hasMessage("boom");

        assertThat(recorded).singleElement().extracting(AuditEntry::outcome).isEqualTo(AuditOutcome.FAILED);
    }

    @Test
    void whenTheAuditCannotBeWrittenTheDoneWriteIsAnsweredAndTheFailureCounted() throws Exception {
        audit = entry -> {
            throw new IllegalStateException("audit store down");
        };

        filter().doFilter(routed("POST", "/api/v1/units", "/api/v1/units", Map.of()), response,
                (req, res) -> ((MockHttpServletResponse) res).setStatus(201));

        assertThat(response.getStatus()).isEqualTo(201);
        assertThat(failures.count()).isEqualTo(1.0);
    }

    private AuditFilter filter() {
        ObjectProvider<HandlerMapping> noMvc = new StaticListableBeanFactory().getBeanProvider(HandlerMapping.class);
        return new AuditFilter(e -> audit.record(e), noMvc, Clock.fixed(NOW, ZoneOffset.UTC), failures);
    }

    /** A request as MVC leaves it once it matched a route. */
    private static MockHttpServletRequest routed(String method, String path, String pattern, Map<String, String> variables) {
        var request = new MockHttpServletRequest(method, path);
        request.setAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE, pattern);
        request.setAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE, variables);
        return request;
    }

    /** A request as the bearer-token filter leaves it once the token was valid. */
    private static void signedIn(MockHttpServletRequest request, String subject) {
        Jwt jwt = Jwt.withTokenValue("t").header("alg", "RS256").subject(subject).claim("roles", List.of("ADMIN")).build();
        new RequestAttributeSecurityContextRepository().saveContext(
                new SecurityContextImpl(new JwtAuthenticationToken(jwt)), request, new MockHttpServletResponse());
    }
}
