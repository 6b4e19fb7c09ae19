package org.yiwang.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.yiwang.support.Api;
import org.yiwang.support.IntegrationTest;

/** The app's files travel compressed, hashed assets are cached for a year, index.html is always revalidated. */
@IntegrationTest
class StaticResourcesTest {

    private static final Pattern SCRIPT = Pattern.compile("src=\"(/assets/index-[^\"]+\\.js)\"");

    @LocalServerPort
    int port;

    @Test
    void theEntryScriptIsGzippedAndCachedForAYear() {
        Api api = new Api(port);
        Api.Response index = api.get("/");
        assertThat(index.status()).isEqualTo(200);
        Matcher script = SCRIPT.matcher(index.body());
        assertThat(script.find()).as("index.html names its entry script: " + index.body()).isTrue();

        Api.Response js = api.send(HttpRequest.newBuilder(api.uri(script.group(1))).header("Accept-Encoding", "gzip").GET());
        assertThat(js.status()).isEqualTo(200);
        assertThat(js.header("Content-Encoding")).isEqualTo("gzip");
        assertThat(js.header("Cache-Control")).contains("max-age=31536000").contains("public").contains("immutable");

        Api.Response plain = api.get(script.group(1));
        assertThat(plain.header("Content-Encoding")).as("a client that asks for no encoding gets the plain file").isNull();
    }

    @Test
    void indexHtmlIsRevalidatedOnEveryLoadUnderEveryPageRoute() {
        Api api = new Api(port);
        for (String page : new String[] { "/", "/index.html", "/search", "/register", "/reset-password" }) {
            Api.Response r = api.get(page);
            assertThat(r.status()).as(page).isEqualTo(200);
            assertThat(r.body()).as(page).contains("<div id=\"app\">");
            assertThat(r.header("Cache-Control")).as(page).isEqualTo("no-cache");
        }
    }
}
