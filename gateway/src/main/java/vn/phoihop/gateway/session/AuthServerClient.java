package vn.phoihop.gateway.session;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.client.endpoint.OAuth2AuthorizationCodeGrantRequest;
import org.springframework.security.oauth2.client.endpoint.OAuth2RefreshTokenGrantRequest;
import org.springframework.security.oauth2.client.endpoint.WebClientReactiveAuthorizationCodeTokenResponseClient;
import org.springframework.security.oauth2.client.endpoint.WebClientReactiveRefreshTokenTokenResponseClient;
import org.springframework.security.oauth2.client.oidc.authentication.ReactiveOidcIdTokenDecoderFactory;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestCustomizers;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.core.endpoint.OAuth2AccessTokenResponse;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationExchange;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationResponse;
import org.springframework.security.oauth2.core.endpoint.PkceParameterNames;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;

/**
 * The gateway as auth-server's confidential client {@code web}: builds the authorization request (state, nonce,
 * PKCE S256), redeems the code and refreshes with Spring Security's token-response clients (HTTP Basic with the
 * secret), checks the ID token (signature, issuer, audience, expiry, nonce) and the access token (as every request's
 * token is checked), revokes at sign-out.
 */
final class AuthServerClient {

    private static final Logger log = LoggerFactory.getLogger(AuthServerClient.class);

    /** What auth-server gave for a person: the tokens, and the access token as checked. */
    record Issued(PersonSession.Tokens tokens, Jwt access) {
        @Override
        public String toString() {
            return "Issued[" + tokens + "]";
        }
    }

    private final SessionProperties properties;
    private final ClientRegistration registration;
    private final ReactiveJwtDecoder accessTokens;
    private final ReactiveJwtDecoder idTokens;
    private final WebClientReactiveAuthorizationCodeTokenResponseClient codes =
            new WebClientReactiveAuthorizationCodeTokenResponseClient();
    private final WebClientReactiveRefreshTokenTokenResponseClient refreshes =
            new WebClientReactiveRefreshTokenTokenResponseClient();
    private final WebClient http = WebClient.create();
    private final Clock clock;

    AuthServerClient(SessionProperties properties, String issuer, String jwksUri, ReactiveJwtDecoder accessTokens,
            Clock clock) {
        this.properties = properties;
        this.accessTokens = accessTokens;
        this.clock = clock;
        this.registration = ClientRegistration.withRegistrationId(SessionProperties.CLIENT_ID)
                .clientId(SessionProperties.CLIENT_ID)
                .clientSecret(properties.enabled() ? properties.clientSecret() : "none")
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .redirectUri("{baseUrl}/auth/callback")
                .scope(OidcScopes.OPENID)
                .authorizationUri(properties.authorizationUri())
                .tokenUri(properties.tokenUri())
                .jwkSetUri(jwksUri)
                .issuerUri(issuer)
                .userNameAttributeName("sub")
                .build();
        this.idTokens = new ReactiveOidcIdTokenDecoderFactory().createDecoder(registration);
    }

    /** The authorization request to send the browser to, for a login whose state, nonce and verifier are kept. */
    AuthorizationStart start(String redirectUri) {
        String state = SessionCookie.random();
        String nonce = SessionCookie.random();
        var builder = OAuth2AuthorizationRequest.authorizationCode()
                .authorizationUri(registration.getProviderDetails().getAuthorizationUri())
                .clientId(registration.getClientId())
                .redirectUri(redirectUri)
                .scopes(registration.getScopes())
                .state(state)
                .additionalParameters(parameters -> parameters.put(OidcParameterNames.NONCE, nonce));
        OAuth2AuthorizationRequestCustomizers.withPkce().accept(builder);
        OAuth2AuthorizationRequest request = builder.build();
        return new AuthorizationStart(request.getAuthorizationRequestUri(), state, nonce,
                request.getAttribute(PkceParameterNames.CODE_VERIFIER));
    }

    record AuthorizationStart(String location, String state, String nonce, String codeVerifier) {
        @Override
        public String toString() {
            return "AuthorizationStart";
        }
    }

    /** Redeems the code; an error from auth-server is an {@link org.springframework.security.oauth2.core.OAuth2AuthorizationException}. */
    Mono<Issued> redeem(SessionStore.Login login, String code) {
        var request = OAuth2AuthorizationRequest.authorizationCode()
                .authorizationUri(registration.getProviderDetails().getAuthorizationUri())
                .clientId(registration.getClientId())
                .redirectUri(login.redirectUri())
                .scopes(registration.getScopes())
                .state(login.state())
                .attributes(attributes -> attributes.put(PkceParameterNames.CODE_VERIFIER, login.codeVerifier()))
                .build();
        var response = OAuth2AuthorizationResponse.success(code).redirectUri(login.redirectUri()).state(login.state()).build();
        return codes.getTokenResponse(new OAuth2AuthorizationCodeGrantRequest(registration,
                        new OAuth2AuthorizationExchange(request, response)))
                .flatMap(tokens -> idToken(tokens)
                        .flatMap(id -> {
                            if (!login.nonce().equals(id.getClaimAsString(OidcParameterNames.NONCE))) {
                                return Mono.error(refused("The ID token's nonce is not this sign-in's"));
                            }
                            return issued(tokens, id.getTokenValue());
                        }));
    }

    /** New tokens for a refresh token (auth-server rotates it). */
    Mono<Issued> refresh(PersonSession.Tokens current) {
        var access = new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, current.access(), null,
                current.accessExpiresAt());
        return refreshes.getTokenResponse(new OAuth2RefreshTokenGrantRequest(registration, access,
                        new OAuth2RefreshToken(current.refresh(), null)))
                .flatMap(tokens -> {
                    Object id = tokens.getAdditionalParameters().get(OidcParameterNames.ID_TOKEN);
                    return issued(tokens, id instanceof String s ? s : current.id());
                });
    }

    /** Revokes the refresh token (and with it the access token's record); sign-out goes on whatever happens. */
    Mono<Void> revoke(String refreshToken) {
        if (refreshToken == null || refreshToken.isEmpty()) {
            return Mono.empty();
        }
        var form = new LinkedMultiValueMap<String, String>();
        form.add("token", refreshToken);
        form.add("token_type_hint", "refresh_token");
        return http.post().uri(properties.revocationUri())
                .headers(headers -> headers.setBasicAuth(URLEncoder.encode(registration.getClientId(), StandardCharsets.UTF_8),
                        URLEncoder.encode(registration.getClientSecret(), StandardCharsets.UTF_8)))
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body(BodyInserters.fromFormData(form))
                .retrieve().toBodilessEntity().then()
                .onErrorResume(e -> {
                    log.warn("Revoking a signed-out session's refresh token failed: {}", e.getClass().getSimpleName());
                    return Mono.empty();
                });
    }

    /** auth-server's end-session URL: it ends its own sign-in session and sends the browser to {@code origin/}. */
    String endSessionUrl(String idToken, String origin) {
        return properties.endSessionUri() + "?id_token_hint=" + enc(idToken) + "&post_logout_redirect_uri="
                + enc(origin + "/") + "&client_id=" + SessionProperties.CLIENT_ID;
    }

    private Mono<Jwt> idToken(OAuth2AccessTokenResponse tokens) {
        Object id = tokens.getAdditionalParameters().get(OidcParameterNames.ID_TOKEN);
        if (!(id instanceof String value)) {
            return Mono.error(refused("auth-server sent no ID token"));
        }
        return idTokens.decode(value);
    }

    private Mono<Issued> issued(OAuth2AccessTokenResponse tokens, String idToken) {
        String access = tokens.getAccessToken().getTokenValue();
        String refresh = tokens.getRefreshToken() == null ? null : tokens.getRefreshToken().getTokenValue();
        return accessTokens.decode(access).flatMap(jwt -> {
            if (jwt.getSubject() == null || !jwt.getSubject().startsWith("user:")) {
                return Mono.error(refused("The access token is not a person's"));
            }
            return Mono.just(new Issued(new PersonSession.Tokens(access, jwt.getExpiresAt(), refresh, idToken), jwt));
        });
    }

    static List<String> strings(Jwt jwt, String claim) {
        List<String> values = jwt.getClaimAsStringList(claim);
        return values == null ? List.of() : values;
    }

    private static OAuth2AuthenticationException refused(String why) {
        return new OAuth2AuthenticationException(new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN, why, null));
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    Clock clock() {
        return clock;
    }
}
