package vn.phoihop.gateway.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;
import org.webjars.WebJarVersionLocator;

/**
 * The app's {@code index.html} as served: its version-agnostic WebJar paths ({@code /webjars/lit/index.js})
 * pinned to the versions on the class path ({@code /webjars/lit/3.3.1/index.js}), so that browsers may cache
 * those files for a year and an upgrade still reaches them; and the hash of its inline import map, which the
 * Content-Security-Policy names instead of allowing inline scripts. Read once at start-up.
 */
@Component
class AppIndex {

    static final String LOCATION = "META-INF/resources/index.html";

    private static final Pattern WEBJAR = Pattern.compile("/webjars/([a-z0-9_.-]+)/");
    private static final Pattern IMPORT_MAP = Pattern.compile("<script type=\"importmap\">(.*?)</script>", Pattern.DOTALL);

    private final byte[] html;
    private final String importMapHash;

    AppIndex() {
        this(read());
    }

    AppIndex(String source) {
        String pinned = pinWebJars(source, new WebJarVersionLocator());
        this.html = pinned.getBytes(StandardCharsets.UTF_8);
        Matcher importMap = IMPORT_MAP.matcher(pinned);
        if (!importMap.find()) {
            throw new IllegalStateException("index.html has no import map");
        }
        this.importMapHash = "'sha256-" + sha256(importMap.group(1)) + "'";
    }

    byte[] html() {
        return html;
    }

    /** The CSP source expression of the import map, {@code 'sha256-…'}. */
    String importMapHash() {
        return importMapHash;
    }

    static String pinWebJars(String source, WebJarVersionLocator locator) {
        return WEBJAR.matcher(source).replaceAll(match -> {
            String name = match.group(1);
            String version = locator.version(name);
            if (version == null) {
                throw new IllegalStateException("index.html names WebJar " + name + ", which is not on the class path");
            }
            return Matcher.quoteReplacement("/webjars/" + name + "/" + version + "/");
        });
    }

    private static String read() {
        try (var in = new ClassPathResource(LOCATION).getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("the web module's index.html is not on the class path", e);
        }
    }

    private static String sha256(String text) {
        try {
            return Base64.getEncoder().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
