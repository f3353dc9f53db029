package vn.phoihop.gateway.security;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import vn.phoihop.gateway.problem.Problems;

/**
 * 401 and 403 as problems. The 401 says {@code WWW-Authenticate: Bearer} (RFC 6750), with
 * {@code error="invalid_token"} when a token was sent but refused; why exactly it was refused stays in
 * our logs, not in the answer to a possibly hostile caller.
 */
final class ProblemSecurityHandlers implements ServerAuthenticationEntryPoint, ServerAccessDeniedHandler {

    @Override
    public Mono<Void> commence(ServerWebExchange exchange, AuthenticationException e) {
        boolean tokenRefused = e instanceof InvalidBearerTokenException || e instanceof OAuth2AuthenticationException;
        exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE,
                tokenRefused ? "Bearer error=\"invalid_token\"" : "Bearer");
        return Problems.write(exchange.getResponse(), HttpStatus.UNAUTHORIZED, tokenRefused
                ? "The bearer token is invalid or has expired"
                : "A bearer token is required: get one at /oauth2/token");
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, AccessDeniedException e) {
        exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"insufficient_scope\"");
        return Problems.write(exchange.getResponse(), HttpStatus.FORBIDDEN, "Your role or scope does not allow this");
    }
}
