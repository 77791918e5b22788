package io.hacamel.bridge.api;

import java.util.Properties;

import io.hacamel.bridge.testing.ApiClient.Answer;
import io.hacamel.bridge.testing.BridgeTestSupport;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With Camel's tracer on (as Hawtio can turn it on at run time), every step's body is read for the log: the API's
 * answers must still be whole, so a body the server writes must be one that can be read more than once.
 */
class TracedAnswersTest extends BridgeTestSupport {

    @Override
    protected void bridgeProperties(Properties properties) {
        properties.put("camel.main.tracing", "true");
    }

    @Test
    void answersAreWholeWhileEveryStepIsTraced() {
        awaitReady();

        Answer lamp = api.get("/api/v1/states/light.camel_lamp");
        assertThat(lamp.status()).isEqualTo(200);
        assertThat(lamp.body().path("entity_id").asText()).as(lamp.text()).isEqualTo("light.camel_lamp");
        assertThat(api.get("/api/v1/states").body()).hasSize(6);
        assertThat(api.get("/health").body().path("status").asText()).isEqualTo("UP");
    }
}
