package io.hacamel.bridge.publish;

import java.util.List;
import java.util.Map;
import java.util.Properties;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hacamel.bridge.Settings;
import io.hacamel.bridge.client.HaEvent;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Webhook targets from the configuration: what they take, what /status shows of them, and clear refusals. */
class WebhookTargetTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void aTargetTakesItsDomainsOrEntitiesAndItsKindsOfChange() {
        WebhookTarget target = target("webhook.t.url", "https://hooks.example/services/T0/B0/XyZ?token=abc",
                "webhook.t.domains", "light, lock", "webhook.t.entities", "sensor.*_battery",
                "webhook.t.events", "state,removed");

        assertThat(target.accepts(EventKind.STATE, "light.kitchen")).isTrue();
        assertThat(target.accepts(EventKind.STATE, "lock.front")).isTrue();
        assertThat(target.accepts(EventKind.STATE, "sensor.door_battery")).isTrue();
        assertThat(target.accepts(EventKind.STATE, "sensor.door_temperature")).isFalse();
        assertThat(target.accepts(EventKind.REMOVED, "light.kitchen")).isTrue();
        assertThat(target.accepts(EventKind.ATTRIBUTES, "light.kitchen")).isFalse();
        assertThat(target.accepts(EventKind.INITIAL, "light.kitchen")).isFalse();
    }

    @Test
    void withoutFiltersEveryEntityAndEveryKindButTheInitialStates() {
        WebhookTarget target = target("webhook.t.url", "http://10.0.0.5:8080/hook");

        assertThat(target.accepts(EventKind.ATTRIBUTES, "anything.at_all")).isTrue();
        assertThat(target.accepts(EventKind.ADDED, "anything.at_all")).isTrue();
        assertThat(target.accepts(EventKind.INITIAL, "anything.at_all")).isFalse();
    }

    @Test
    void statusShowsNoSecretAndNoPathOfTheUrl() throws Exception {
        WebhookTarget target = target("webhook.t.url", "https://hooks.example/services/T0/B0/XyZ?token=abc",
                "webhook.t.secret", "s3cret", "webhook.t.headers", "{\"X-Api-Key\":\"k3y\"}");

        String status = json.writeValueAsString(target.describe());

        assertThat(status).contains("https://hooks.example/…", "\"secret\":\"****\"", "X-Api-Key")
                .doesNotContain("s3cret", "k3y", "XyZ", "abc");
        assertThat(target.headers()).isEqualTo(Map.of("X-Api-Key", "k3y"));
        assertThat(target.describeFailure(new IllegalStateException("cannot reach "
                + "https://hooks.example/services/T0/B0/XyZ?token=abc"))).doesNotContain("XyZ", "abc");
    }

    @Test
    void aFailureIsMaskedBeforeItIsCutShort() {
        String url = "https://hooks.example/services/T0/B0/" + "x".repeat(280) + "?token=abc";
        WebhookTarget target = target("webhook.t.url", url);

        String failure = target.describeFailure(new IllegalStateException("the target at " + url + " and also "
                + "https://someone:hunter2@hooks.example/other did not answer"));

        assertThat(failure).startsWith("IllegalStateException: the target at https://hooks.example/… and also "
                + "https://****@hooks.example/other").doesNotContain("xxx", "abc", "someone", "hunter2");
    }

    @Test
    void aUserNameAndPasswordInTheUrlBecomeBasicAuthenticationAndAreNeverShown() throws Exception {
        WebhookTarget target = target("webhook.t.url", "https://me:s3cr%40t@hooks.example:8443/hook?k=1");
        WebhookTarget withOwnHeader = target("webhook.t.url", "https://me:s3cr%40t@hooks.example/hook",
                "webhook.t.headers", "{\"authorization\":\"Bearer k3y\"}");

        assertThat(target.url()).hasToString("https://hooks.example:8443/hook?k=1");
        assertThat(target.headers()).containsEntry("Authorization", "Basic "
                + java.util.Base64.getEncoder().encodeToString("me:s3cr@t".getBytes()));
        assertThat(withOwnHeader.headers()).isEqualTo(Map.of("authorization", "Bearer k3y"));
        assertThat(withOwnHeader.url()).hasToString("https://hooks.example/hook");
        assertThat(json.writeValueAsString(target.describe())).contains("https://hooks.example:8443/…")
                .doesNotContain("me:", "s3cr");
    }

    @Test
    void badConfigurationIsRefusedNamingTheKeyAndNotTheValue() {
        assertThatThrownBy(() -> target()).hasMessageContaining("webhook.t.url is required");
        assertThatThrownBy(() -> target("webhook.t.url", "ftp://x/y?secret-thing"))
                .hasMessageContaining("webhook.t.url").hasMessageNotContaining("secret-thing");
        assertThatThrownBy(() -> target("webhook.t.url", "http://x", "webhook.t.events", "state,sometimes"))
                .hasMessageContaining("webhook.t.events");
        assertThatThrownBy(() -> target("webhook.t.url", "http://x", "webhook.t.headers", "X-Api-Key: k3y"))
                .hasMessageContaining("JSON object").hasMessageNotContaining("k3y");
        assertThatThrownBy(() -> target("webhook.t.url", "http://x", "webhook.t.headers", "{\"X-Bridge-Signature\":\"1\"}"))
                .hasMessageContaining("X-Bridge-Signature");
        assertThatThrownBy(() -> WebhookTarget.all(settings("webhooks.targets", "Bad Name"), json))
                .hasMessageContaining("webhooks.targets");
    }

    @Test
    void kindsOfChange() throws Exception {
        JsonNode off = json.readTree("{\"state\":\"off\",\"attributes\":{\"a\":1}}");
        JsonNode on = json.readTree("{\"state\":\"on\",\"attributes\":{\"a\":1}}");
        JsonNode offRenamed = json.readTree("{\"state\":\"off\",\"attributes\":{\"a\":2}}");

        assertThat(EventKind.of(event(off, on, false), false)).isEqualTo(EventKind.STATE);
        assertThat(EventKind.of(event(off, offRenamed, false), false)).isEqualTo(EventKind.ATTRIBUTES);
        assertThat(EventKind.of(event(null, on, false), false)).isEqualTo(EventKind.ADDED);
        assertThat(EventKind.of(event(null, on, true), false)).as("added while Home Assistant was away")
                .isEqualTo(EventKind.ADDED);
        assertThat(EventKind.of(event(null, on, true), true)).isEqualTo(EventKind.INITIAL);
        assertThat(EventKind.of(event(on, null, false), false)).isEqualTo(EventKind.REMOVED);
    }

    private static HaEvent event(JsonNode oldState, JsonNode newState, boolean resync) {
        return new HaEvent(HaEvent.STATE_CHANGED, "light.x", oldState, newState, "2024-01-01T00:00:00+00:00", null,
                resync);
    }

    private WebhookTarget target(String... keysAndValues) {
        List<WebhookTarget> targets = WebhookTarget.all(settings(append(keysAndValues, "webhooks.targets", "t")), json);
        assertThat(targets).hasSize(1);
        return targets.get(0);
    }

    private static String[] append(String[] keysAndValues, String key, String value) {
        String[] all = java.util.Arrays.copyOf(keysAndValues, keysAndValues.length + 2);
        all[keysAndValues.length] = key;
        all[keysAndValues.length + 1] = value;
        return all;
    }

    private static Settings settings(String... keysAndValues) {
        DefaultCamelContext context = new DefaultCamelContext();
        Properties properties = new Properties();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            properties.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        context.getPropertiesComponent().setInitialProperties(properties);
        return new Settings(context.getPropertiesComponent());
    }
}
