package vn.phoihop.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import vn.phoihop.gateway.support.GatewayIT;

/** The web app served by the gateway: open files and pages, the History-API fallback, caching, gzip, the CSP. */
class WebAppIT extends GatewayIT {

    static final Pattern IMPORT_MAP = Pattern.compile("<script type=\"importmap\">(.*?)</script>", Pattern.DOTALL);

    HttpResponse<String> page(String path, String accept) throws Exception {
        return HTTP.send(request(path).header("Accept", accept).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theIndexIsOpenNotCachedAndNamesItsImportMapByHashInAStrictPolicy() throws Exception {
        var response = page("/", "text/html,application/xhtml+xml,*/*;q=0.8");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-cache");
        var importMap = IMPORT_MAP.matcher(response.body());
        assertThat(importMap.find()).isTrue();
        String hash = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256")
                .digest(importMap.group(1).getBytes(StandardCharsets.UTF_8)));
        String policy = response.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertThat(policy).contains("default-src 'self'", "script-src 'self' 'sha256-" + hash + "'", "frame-ancestors 'none'",
                "object-src 'none'").doesNotContain("unsafe-inline", "unsafe-eval");
        assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(response.headers().firstValue("Referrer-Policy")).hasValue("same-origin");
        // WebJars pinned to the versions on the class path, so that they may be cached for a year
        assertThat(importMap.group(1)).contains("\"lit\": \"/webjars/lit/3.3.1/index.js\"")
                .contains("/webjars/echarts/5.3.1/dist/echarts.esm.min.js").doesNotContain("/webjars/lit/index.js");
        // on a slow network the modules take seconds: the page says it is loading rather than stay blank
        assertThat(response.body()).containsPattern("<ph-app><p class=\"boot\" role=\"status\">Đang tải…[^<]*</p></ph-app>");
    }

    @Test
    void everyPagePathIsTheIndexButApiSignInAndFilesAreNot() throws Exception {
        String index = page("/", "text/html").body();
        for (String path : new String[] {"/programs", "/programs/p-1?period=y2019", "/units/u-1/members", "/index.html"}) {
            var response = page(path, "text/html,*/*;q=0.8");
            assertThat(response.statusCode()).as(path).isEqualTo(200);
            assertThat(response.body()).as(path).isEqualTo(index);
        }
        // not a page: no HTML asked for, or a path the API, sign-in or auth-server owns
        assertThat(page("/programs", "application/json").statusCode()).isEqualTo(401);
        for (String path : new String[] {"/api/v1/programs", "/api/v1/nothing", "/auth/nothing", "/actuator/nothing"}) {
            var response = page(path, "text/html");
            assertThat(response.statusCode()).as(path).isIn(401, 404);
            assertThat(response.body()).as(path).doesNotContain("importmap");
        }
        // a page is read, never written
        var post = HTTP.send(request("/programs").header("Accept", "text/html")
                .POST(java.net.http.HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(401);
    }

    @Test
    void filesAreOpenVersionedWebJarsCachedForAYearOthersRevalidated() throws Exception {
        var app = page("/app/main.js", "*/*");
        assertThat(app.statusCode()).isEqualTo(200);
        assertThat(app.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).contains("javascript"));
        assertThat(app.headers().firstValue("Cache-Control")).hasValue("no-cache");

        var pinned = page("/webjars/lit/3.3.1/index.js", "*/*");
        assertThat(pinned.statusCode()).isEqualTo(200);
        assertThat(pinned.headers().firstValue("Cache-Control")).hasValue("max-age=31536000, public, immutable");

        var agnostic = page("/webjars/lit/index.js", "*/*");
        assertThat(agnostic.statusCode()).isEqualTo(200);
        assertThat(agnostic.body()).isEqualTo(pinned.body());
        assertThat(agnostic.headers().firstValue("Cache-Control")).hasValue("no-cache");

        assertThat(page("/app/nothing.js", "*/*").statusCode()).isEqualTo(404);
        assertThat(page("/webjars/lit/9.9.9/index.js", "*/*").statusCode()).isEqualTo(404);
    }

    /** The app as an installable PWA: its worker may serve every page (scope /), its manifest is found. */
    @Test
    void theServiceWorkerMayServeEveryPageAndTheManifestIsLinked() throws Exception {
        var worker = page("/app/sw.js", "*/*");
        assertThat(worker.statusCode()).isEqualTo(200);
        assertThat(worker.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).contains("javascript"));
        assertThat(worker.headers().firstValue("Service-Worker-Allowed")).hasValue("/");
        assertThat(worker.headers().firstValue("Cache-Control")).hasValue("no-cache");
        // only the worker gets the wider scope
        assertThat(page("/app/main.js", "*/*").headers().firstValue("Service-Worker-Allowed")).isEmpty();
        assertThat(page("/app/sw.js/x", "*/*").headers().firstValue("Service-Worker-Allowed")).isEmpty();

        var index = page("/", "text/html");
        assertThat(index.body()).contains("<link rel=\"manifest\" href=\"/app/manifest.webmanifest\">");
        assertThat(index.headers().firstValue("Content-Security-Policy").orElseThrow())
                .contains("worker-src 'self'", "manifest-src 'self'");
        var manifest = page("/app/manifest.webmanifest", "*/*");
        assertThat(manifest.statusCode()).isEqualTo(200);
        var json = tools.jackson.databind.json.JsonMapper.builder().build().readTree(manifest.body());
        assertThat(json.path("start_url").asString()).isEqualTo("/activities/new");
        assertThat(json.path("display").asString()).isEqualTo("standalone");
        assertThat(json.path("icons").get(0).path("src").asString()).isEqualTo("/app/icons/app.svg");
        assertThat(page("/app/icons/app.svg", "*/*").statusCode()).isEqualTo(200);
    }

    @Test
    void noPathLeavesTheAppsFolders() throws Exception {
        for (String path : new String[] {"/app/../application.yml", "/app/%2e%2e/application.yml",
                "/app/..%2fapplication.yml", "/webjars/../application.yml", "/webjars/lit/3.3.1/../../../application.yml",
                "/app/../../META-INF/MANIFEST.MF", "/application.yml", "/META-INF/resources/index.html"}) {
            var response = page(path, "*/*");
            assertThat(response.statusCode()).as(path).isBetween(400, 499);
            assertThat(response.body()).as(path).doesNotContain("spring:", "Manifest-Version");
        }
    }

    /**
     * The program page's first load, as a browser with an empty cache fetches it: the index, the stylesheet, the
     * Vietnamese catalogue, the icon and every module the page and the shell import (statically or on demand,
     * ECharts included), each gzipped as the gateway sends it.
     */
    @Test
    void theProgramPagesFirstLoadTransfersUnder500KB() throws Exception {
        String index = page("/", "text/html").body();
        var imports = new java.util.TreeMap<String, String>(java.util.Comparator.reverseOrder());
        var entry = Pattern.compile("\"([^\"]+)\":\\s*\"([^\"]+)\"").matcher(IMPORT_MAP.matcher(index).results().findFirst().orElseThrow().group(1));
        while (entry.find()) {
            imports.put(entry.group(1), entry.group(2));
        }
        var files = new java.util.LinkedHashSet<>(java.util.List.of("/app/app.css", "/app/i18n/vi.json", "/app/icons/logo.svg"));
        var modules = new java.util.ArrayDeque<>(java.util.List.of("/app/main.js", "/app/components/ph-app.js", "/app/pages/program.js"));
        // from "x", import "x", import("x"): a specifier has no spaces, parentheses or braces (t('program.from') is no import)
        var specifier = Pattern.compile("(?:\\bfrom\\s*|\\bimport\\s*\\(?\\s*)[\"']([^\"'\\s(){}<>]+)[\"']");
        while (!modules.isEmpty()) {
            String module = modules.removeFirst();
            if (!files.add(module)) {
                continue;
            }
            String source = page(module, "*/*").body();
            var found = specifier.matcher(source);
            while (found.find()) {
                String name = found.group(1);
                if (module.equals("/app/main.js") && name.startsWith("./pages/")) {
                    continue; // the other pages are loaded when visited
                }
                modules.add(resolve(module, name, imports));
            }
        }
        long total = gzippedSize("/");
        for (String file : files) {
            total += gzippedSize(file);
        }
        assertThat(files).contains("/webjars/lit/3.3.1/index.js", "/webjars/echarts/5.3.1/dist/echarts.esm.min.js");
        assertThat(total).as("bytes of " + files).isLessThan(500_000);
    }

    private static String resolve(String from, String name, java.util.Map<String, String> imports) {
        if (name.startsWith("./") || name.startsWith("../") || name.startsWith("/")) {
            return java.net.URI.create(from).resolve(name).getPath();
        }
        for (var mapping : imports.entrySet()) { // longest prefix first
            if (name.equals(mapping.getKey())) {
                return mapping.getValue();
            }
            if (mapping.getKey().endsWith("/") && name.startsWith(mapping.getKey())) {
                return java.net.URI.create(mapping.getValue() + name.substring(mapping.getKey().length())).normalize().getPath();
            }
        }
        throw new AssertionError("the import map does not name " + name + " (imported by " + from + ")");
    }

    private long gzippedSize(String path) throws Exception {
        var response = HTTP.send(request(path).header("Accept-Encoding", "gzip").GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        return response.body().length + response.headers().map().toString().length();
    }

    @Test
    void scriptsAreSentGzipped() throws Exception {
        var response = HTTP.send(request("/webjars/echarts/5.3.1/dist/echarts.esm.min.js")
                .header("Accept-Encoding", "gzip").GET().build(), HttpResponse.BodyHandlers.ofByteArray());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Encoding")).hasValue("gzip");
        assertThat(response.body().length).isLessThan(400_000);
        try (var in = new GZIPInputStream(new java.io.ByteArrayInputStream(response.body()))) {
            assertThat(in.readAllBytes().length).isGreaterThan(1_000_000);
        }
    }
}
