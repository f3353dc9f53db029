package vn.phoihop.platform.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import vn.phoihop.platform.web.ProblemAdvice;

/**
 * Spring Security's firewall refuses paths that are not normalized and header values with control characters;
 * as a bean, this answers those refusals with the same 400 problem as every other bad input, instead of the
 * servlet container's error page. The firewall's own message is not used: it quotes the value refused.
 */
public class FirewallRefusals implements RequestRejectedHandler {

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, RequestRejectedException rejected)
            throws IOException {
        ProblemAdvice.write(response, HttpStatus.BAD_REQUEST, "Invalid request", ProblemAdvice.REJECTED, List.of());
    }
}
