package io.hacamel.bridge.support;

import java.net.URI;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** User names and passwords in URLs: masked in any text, left out of the addresses the bridge connects to. */
class UrlUserInfoTest {

    @Test
    void masksTheUserInfoOfEveryUrlInAText() {
        assertThat(UrlUserInfo.mask("cannot connect to ws://me:s3cret@ha.local:8123/api/websocket: refused, "
                + "nor to 'https://them@proxy/x?a=b@c'")).isEqualTo("cannot connect to ws://****@ha.local:8123/api/"
                + "websocket: refused, nor to 'https://****@proxy/x?a=b@c'");
        assertThat(UrlUserInfo.mask("http://me:p@ss/w0rd@host:1/x")).isEqualTo("http://****@host:1/x");
        assertThat(UrlUserInfo.mask("mail me@example.org at http://host/path")).isEqualTo(
                "mail me@example.org at http://host/path");
        assertThat(UrlUserInfo.mask(null)).isNull();
    }

    @Test
    void leavesTheUserInfoOutOfAnAddress() {
        assertThat(UrlUserInfo.strip(URI.create("https://me:s3cret@ha.local:8123/p%2Fq?x=1#f")))
                .hasToString("https://ha.local:8123/p%2Fq?x=1#f");
        assertThat(UrlUserInfo.strip(URI.create("http://me:s@home_assistant:8123"))).hasToString(
                "http://home_assistant:8123");
        URI plain = URI.create("http://ha.local:8123");
        assertThat(UrlUserInfo.strip(plain)).isSameAs(plain);
        assertThat(UrlUserInfo.present(URI.create("http://me@ha.local"))).isTrue();
        assertThat(UrlUserInfo.present(plain)).isFalse();
    }
}
