package vn.phoihop.gateway.edge;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.reactor.netty.NettyReactiveWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import vn.phoihop.gateway.correlation.RequestIds;
import vn.phoihop.gateway.problem.ApiProblem.FieldError;
import vn.phoihop.gateway.problem.Problems;

/**
 * Refuses, with a 400 problem and before Spring or any route sees it, a request whose URI is not a URI (a malformed
 * escape such as {@code %ZZ}, raw bytes above ASCII), is not percent-encoded UTF-8, or holds a control character
 * once decoded (U+0000 among them). Spring answered the first kind with an empty 400 of its own; the others reached
 * the services (which refuse them too) and the gateway's own endpoints, which decoded bad bytes to U+FFFD and
 * served, say, a stream filtered on a program that cannot exist. A Netty route ahead of Spring's handler.
 */
@Component
class MalformedUris implements WebServerFactoryCustomizer<NettyReactiveWebServerFactory> {

    static final String DETAIL = "The request URI must be percent-encoded UTF-8 without control characters";
    private static final Logger log = LoggerFactory.getLogger("vn.phoihop.gateway.access");
    private static final Pattern READABLE_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]{0,40}");

    @Override
    public void customize(NettyReactiveWebServerFactory factory) {
        factory.addRouteProviders(routes -> routes.route(request -> firstError(request.uri()).isPresent(),
                MalformedUris::refuse));
    }

    private static Publisher<Void> refuse(HttpServerRequest request, HttpServerResponse response) {
        FieldError error = firstError(request.uri()).orElseThrow();
        String id = RequestIds.acceptOrCreate(request.requestHeaders().get(RequestIds.HEADER));
        byte[] body = Problems.body(HttpStatus.BAD_REQUEST, DETAIL, List.of(error));
        log.info("{} (malformed URI) 400 requestId={}", request.method(), id);
        return response.status(HttpStatus.BAD_REQUEST.value())
                .header(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_PROBLEM_JSON_VALUE)
                .header(HttpHeaders.CONTENT_LENGTH, Integer.toString(body.length))
                .header(HttpHeaders.CONNECTION, "close")
                .header(RequestIds.HEADER, id)
                .sendByteArray(Mono.just(body)).then();
    }

    /** What is wrong with {@code uri} (as sent in the request line), naming the query parameter where it can. */
    static Optional<FieldError> firstError(String uri) {
        if (uri.chars().anyMatch(c -> c <= ' ' || c >= 0x7f)) {
            return Optional.of(new FieldError("uri", "must be ASCII: percent-encode other bytes as UTF-8"));
        }
        URI parsed;
        try {
            parsed = new URI(uri);
        } catch (URISyntaxException e) {
            return Optional.of(new FieldError("uri",
                    "is not a valid URI: percent-encode reserved characters, and write % only as an escape"));
        }
        String path = parsed.getRawPath() == null ? "" : decode(parsed.getRawPath(), false);
        if (path == null || hasControl(path)) {
            return Optional.of(new FieldError("path", "must be percent-encoded UTF-8 without control characters"));
        }
        return parsed.getRawQuery() == null ? Optional.empty() : firstQueryError(parsed.getRawQuery());
    }

    private static Optional<FieldError> firstQueryError(String query) {
        for (String pair : query.split("&", -1)) {
            int equals = pair.indexOf('=');
            String name = decode(equals < 0 ? pair : pair.substring(0, equals), true);
            if (name == null || hasControl(name)) {
                return Optional.of(new FieldError("query", "a parameter's name is not percent-encoded UTF-8 text"));
            }
            // a name is echoed only if it looks like one: the client may have put anything there
            String field = READABLE_NAME.matcher(name).matches() ? name : "query";
            String value = equals < 0 ? "" : decode(pair.substring(equals + 1), true);
            if (value == null) {
                return Optional.of(new FieldError(field, "is not percent-encoded UTF-8"));
            }
            if (hasControl(value)) {
                return Optional.of(new FieldError(field, "must not hold control characters"));
            }
        }
        return Optional.empty();
    }

    /** {@code %XY} a byte ({@code +} a space in a query), and the bytes UTF-8; null if they are not. */
    static String decode(String raw, boolean query) {
        var bytes = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                int high = i + 2 < raw.length() ? Character.digit(raw.charAt(i + 1), 16) : -1;
                int low = high < 0 ? -1 : Character.digit(raw.charAt(i + 2), 16);
                if (low < 0) {
                    return null;
                }
                bytes.write(high * 16 + low);
                i += 2;
            } else {
                bytes.write(query && c == '+' ? ' ' : c);
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes.toByteArray()))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static boolean hasControl(String text) {
        return text.chars().anyMatch(Character::isISOControl);
    }
}
