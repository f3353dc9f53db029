package vn.phoihop.platform.web;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.Valve;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/**
 * What Tomcat refuses before any servlet runs (a path that is not percent-encoded UTF-8, raw bytes or control
 * characters in the request line, headers too large) is answered with a problem too, not Tomcat's HTML page:
 * Boot's error report valve on the host is replaced by {@link Report}. Runs after Boot's own customizer, which
 * installs that valve.
 */
public class ConnectorProblems implements WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory>, Ordered {

    @Override
    public void customize(ConfigurableTomcatWebServerFactory factory) {
        factory.addContextCustomizers(context -> {
            var host = context.getParent();
            for (Valve valve : host.getPipeline().getValves()) {
                if (valve instanceof ErrorReportValve) {
                    host.getPipeline().removeValve(valve);
                }
            }
            if (host instanceof StandardHost standard) {
                standard.setErrorReportValveClass(Report.class.getName()); // else the host adds its default again
            }
            host.getPipeline().addValve(new Report());
        });
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }

    /** Writes an error nothing else answered as a problem, with no detail of Tomcat's (it may quote the request). */
    public static class Report extends ErrorReportValve {

        @Override
        protected void report(Request request, Response response, Throwable throwable) {
            int code = response.getStatus();
            if (code < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
                return;
            }
            var ioAllowed = new AtomicBoolean();
            response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
            if (!ioAllowed.get()) {
                return;
            }
            HttpStatus status = HttpStatus.resolve(code);
            String name = status == null ? Integer.toString(code) : status.name().toLowerCase().replace('_', '-');
            String detail = code == 400 ? "The request line, path or headers are malformed: a path must be"
                    + " percent-encoded UTF-8 without control characters"
                    : code < 500 ? "The request was refused" : "The request could not be completed";
            String body = "{\"type\":\"https://phoihop.vn/problems/" + name + "\",\"title\":\""
                    + (status == null ? "Error" : status.getReasonPhrase()) + "\",\"status\":" + code
                    + ",\"detail\":\"" + detail + "\"}";
            try {
                response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
                response.setCharacterEncoding("UTF-8");
                response.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
                response.finishResponse();
            } catch (java.io.IOException | IllegalStateException e) {
                // the client is gone or the response is closed: nothing more to say
            }
        }
    }
}
