package vn.phoihop.platform.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.BadCredentialsException;

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
}
