package io.hacamel.bridge.client;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HaUrlsTest {

    @Test
    void derivesTheWebSocketAddressFromWhatUsersType() {
        assertThat(HaUrls.websocket("http://homeassistant.local:8123")).hasToString(
                "ws://homeassistant.local:8123/api/websocket");
        assertThat(HaUrls.websocket("https://ha.example.org/")).hasToString("wss://ha.example.org/api/websocket");
        assertThat(HaUrls.websocket("ws://10.0.0.2:8123/api/websocket")).hasToString("ws://10.0.0.2:8123/api/websocket");
        assertThat(HaUrls.websocket("https://proxy.example.org/ha")).hasToString(
                "wss://proxy.example.org/ha/api/websocket");
    }

    @Test
    void derivesTheRestBase() {
        assertThat(HaUrls.rest("wss://ha.example.org:8443/api/websocket")).hasToString("https://ha.example.org:8443");
        assertThat(HaUrls.rest("http://10.0.0.2:8123/")).hasToString("http://10.0.0.2:8123");
    }

    @Test
    void leavesAUserNameAndPasswordOutAndNeverRepeatsThem() {
        assertThat(HaUrls.websocket("http://me:s3cret@homeassistant.local:8123")).hasToString(
                "ws://homeassistant.local:8123/api/websocket");
        assertThat(HaUrls.rest("https://me:p@ss@home_assistant:8123/ha")).hasToString("https://home_assistant:8123/ha");
        assertThatThrownBy(() -> HaUrls.websocket("ftp://me:s3cret@x")).hasMessageContaining("ftp://****@x")
                .hasMessageNotContaining("s3cret").hasMessageNotContaining("me:");
        assertThatThrownBy(() -> HaUrls.websocket("http://me:s3cret@bad host")).hasMessageNotContaining("s3cret");
    }

    @Test
    void refusesWhatIsNotAnHomeAssistantAddress() {
        assertThatThrownBy(() -> HaUrls.websocket("ftp://x")).hasMessageContaining("must start with");
        assertThatThrownBy(() -> HaUrls.websocket("homeassistant:8123")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HaUrls.websocket(" ")).hasMessageContaining("not set");
    }
}
