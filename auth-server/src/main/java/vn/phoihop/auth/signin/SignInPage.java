package vn.phoihop.auth.signin;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/**
 * The sign-in page of the authorization code flow: a plain form, in Vietnamese or English. Spring Security's
 * form login handles its POST (see SecurityConfig); after a success the browser goes back to the authorization
 * request that sent it here.
 */
@RestController
public class SignInPage {

    public static final String PATH = "/login";

    @GetMapping(value = PATH, produces = MediaType.TEXT_HTML_VALUE)
    String page(@RequestParam(required = false) String lang, @RequestParam(required = false) String error,
            @RequestHeader(value = HttpHeaders.ACCEPT_LANGUAGE, required = false) String acceptLanguage, CsrfToken csrf) {
        Language language = Language.choose(lang, acceptLanguage);
        Language other = language == Language.VI ? Language.EN : Language.VI;
        return """
                <!DOCTYPE html>
                <html lang="%s">
                <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
                <title>%s</title></head>
                <body>
                <h1>%s</h1>
                %s<form method="post" action="%s">
                <p><label for="username">%s</label><br><input id="username" name="username" autocomplete="username" required autofocus></p>
                <p><label for="password">%s</label><br><input id="password" name="password" type="password" autocomplete="current-password" required></p>
                <input type="hidden" name="%s" value="%s">
                <input type="hidden" name="lang" value="%s">
                <p><button type="submit">%s</button></p>
                </form>
                <p><a href="%s?lang=%s" hreflang="%s">%s</a></p>
                </body>
                </html>
                """.formatted(language.tag, e(language.title), e(language.title),
                error == null ? "" : "<p role=\"alert\">" + e(language.wrongCredentials) + "</p>\n",
                PATH, e(language.username), e(language.password), e(csrf.getParameterName()), e(csrf.getToken()),
                language.tag, e(language.submit), PATH, other.tag, other.tag, e(other.ownName));
    }

    /*
     * Every redirect of the sign-in is relative (Location: /login, /oauth2/authorize?…; Tomcat is told to keep
     * them so: server.tomcat.use-relative-redirects), so the browser stays on the host it came by, the
     * gateway's, whatever host name reached this server.
     */

    /** Where a person not signed in is sent by the authorization endpoint. */
    public static AuthenticationEntryPoint entryPoint() {
        var toSignIn = new LoginUrlAuthenticationEntryPoint(PATH);
        toSignIn.setFavorRelativeUris(true);
        return toSignIn;
    }

    /** After signing in: back to the authorization request that sent the person here. */
    public static AuthenticationSuccessHandler backToAuthorization() {
        var back = new SavedRequestAwareAuthenticationSuccessHandler();
        // the saved request's URL is absolute, with the host this server was reached by: keep path and query
        back.setRedirectStrategy((request, response, url) -> {
            URI target = URI.create(url);
            response.sendRedirect(target.getRawPath() + (target.getRawQuery() == null ? "" : "?" + target.getRawQuery()));
        });
        return back;
    }

    /** Back to the form with the error, in the language the form was in. */
    public static void failed(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        String lang = Language.byTag(request.getParameter("lang")).map(l -> "&lang=" + l.tag).orElse("");
        response.sendRedirect(request.getContextPath() + PATH + "?error" + lang);
    }

    private static String e(String text) {
        return HtmlUtils.htmlEscape(text, "UTF-8");
    }
}
