package vn.phoihop.platform.audit.web;

import io.micrometer.core.instrument.Counter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerMapping;
import vn.phoihop.platform.audit.AuditEntry;
import vn.phoihop.platform.audit.AuditLog;
import vn.phoihop.platform.audit.AuditOutcome;
import vn.phoihop.platform.web.RequestIds;

/**
 * Records every write (POST, PUT, PATCH, DELETE) and every call of the audit API itself, once it is answered:
 * who, which route, which records, from where, with which request id and outcome. It wraps the security filters,
 * so refusals (401, 403) are recorded too; the caller of a refused request is read from where the bearer-token
 * filter left it on the request. Bodies are never read: they may carry personal data.
 *
 * <p>The change is already made when the entry is written, so a failed insert cannot undo it; it is logged at
 * ERROR and counted ({@code phoihop.audit.failures}) for an alert instead. Reads of personal data, which can still
 * be refused, record first and fail closed (see {@link AuditLog}).
 */
public class AuditFilter extends OncePerRequestFilter {

    public static final String AUDIT_PATH = "/api/v1/audit";
    private static final Logger log = LoggerFactory.getLogger(AuditFilter.class);
    private static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH", "DELETE");
    /** What may be kept of a path variable or created id; anything else is not an id and is not stored. */
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._~-]{1,128}");
    private static final RequestAttributeSecurityContextRepository TOKENS = new RequestAttributeSecurityContextRepository();

    private final AuditLog audit;
    private final ObjectProvider<HandlerMapping> mvc;
    private final Clock clock;
    private final Counter failures;

    public AuditFilter(AuditLog audit, ObjectProvider<HandlerMapping> mvc, Clock clock, Counter failures) {
        this.audit = audit;
        this.mvc = mvc;
        this.clock = clock;
        this.failures = failures;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return !WRITES.contains(request.getMethod()) && !path.equals(AUDIT_PATH) && !path.startsWith(AUDIT_PATH + "/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        boolean thrown = true;
        try {
            chain.doFilter(request, response);
            thrown = false;
        } finally {
            // an exception leaving the chain becomes a 500 after we return, whatever the status says now
            record(request, thrown ? 500 : response.getStatus(), response.getHeader("Location"));
        }
    }

    private void record(HttpServletRequest request, int status, String location) {
        AuditEntry entry = null;
        try {
            Route route = Route.of(request, mvc);
            List<String> ids = new ArrayList<>(route.ids());
            String created = status == 201 && location != null ? lastSegment(location) : null;
            if (created != null) {
                ids.add(created);
            }
            String unitId = unitOf(route, created);
            entry = new AuditEntry(clock.instant(), actor(request), request.getMethod() + " " + route.pattern(),
                    route.resourceType(), ids.stream().map(AuditFilter::idOrMark).toList(), idOrNull(unitId),
                    ClientAddress.of(request), requestId(request), AuditOutcome.ofStatus(status), null);
            audit.record(entry);
        } catch (RuntimeException e) {
            failures.increment();
            log.error("Audit entry not stored for {} answered {}: {}",
                    entry == null ? request.getMethod() : entry.action(), status, e.toString());
        }
    }

    /** The unit concerned: a {@code {unitId}} in the route, or the unit a {@code /api/v1/units} route names or made. */
    private static String unitOf(Route route, String created) {
        String unitId = route.variables().get("unitId");
        if (unitId == null && "units".equals(route.resourceType())) {
            unitId = route.variables().getOrDefault("id", created);
        }
        return unitId;
    }

    private static String actor(HttpServletRequest request) {
        Authentication who = TOKENS.loadDeferredContext(request).get().getAuthentication();
        return who == null || who instanceof AnonymousAuthenticationToken ? AuditEntry.ANONYMOUS : who.getName();
    }

    /** The id the request-id filter put in the MDC, or the header's where a service runs without that filter. */
    private static String requestId(HttpServletRequest request) {
        String current = RequestIds.current();
        return current != null ? current : RequestIds.acceptOrCreate(request.getHeader(RequestIds.HEADER));
    }

    private static String lastSegment(String location) {
        try {
            String path = URI.create(location).getPath();
            return path.substring(path.lastIndexOf('/') + 1);
        } catch (IllegalArgumentException e) {
            return "";
        }
    }

    private static String idOrMark(String value) {
        return ID.matcher(value).matches() ? value : "(not an id)";
    }

    private static String idOrNull(String value) {
        return value != null && ID.matcher(value).matches() ? value : null;
    }
}
