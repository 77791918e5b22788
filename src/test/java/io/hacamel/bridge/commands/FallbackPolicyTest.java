package io.hacamel.bridge.commands;

import io.hacamel.bridge.client.HaErrorCode;
import io.hacamel.bridge.client.HaException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Which failed calls may be sent over the REST API: only those that certainly did not reach Home Assistant. */
class FallbackPolicyTest {

    private static final HaException NOT_CONNECTED = new HaException(HaErrorCode.NOT_CONNECTED, "no session");
    private static final HaException TIMEOUT = new HaException(HaErrorCode.TIMEOUT, "no answer within 5000 ms");
    private static final HaException LOST = new HaException(HaErrorCode.CONNECTION_LOST, "connection lost");

    @Test
    void aCallThatWasNotSentFallsBack() {
        FallbackPolicy policy = new FallbackPolicy("");

        assertThat(policy.decide(NOT_CONNECTED, "CLOSED", "input_boolean.toggle"))
                .isEqualTo(new FallbackPolicy.Decision(true, "no session (not sent)", "not_sent"));
        assertThat(policy.decide(null, "OPEN", "input_boolean.toggle").tag()).isEqualTo("circuit_open");
        assertThat(policy.decide(null, "HALF_OPEN", "input_boolean.toggle").tag()).isEqualTo("circuit_half_open");
        assertThat(policy.decide(null, "HALF_OPEN", "input_boolean.toggle").reason()).contains("half-open");
    }

    @Test
    void aCallThatMayHaveRunIsNotSentAgainByDefault() {
        FallbackPolicy policy = new FallbackPolicy("");

        assertThat(policy.decide(TIMEOUT, "CLOSED", "light.turn_on").fallBack()).isFalse();
        assertThat(policy.decide(LOST, "CLOSED", "light.turn_on").fallBack()).isFalse();
        assertThat(policy.decide(TIMEOUT, "CLOSED", "light.turn_on").tag()).isEqualTo("unknown");
    }

    @Test
    void listedServicesAreSentAgain() {
        FallbackPolicy policy = new FallbackPolicy(" light.turn_* , scene.turn_on ");

        assertThat(policy.decide(TIMEOUT, "CLOSED", "light.turn_on").fallBack()).isTrue();
        assertThat(policy.decide(LOST, "CLOSED", "light.turn_off").tag()).isEqualTo("resend_unknown");
        assertThat(policy.decide(TIMEOUT, "CLOSED", "scene.turn_on").fallBack()).isTrue();
        assertThat(policy.decide(TIMEOUT, "CLOSED", "light.toggle").fallBack()).isFalse();
        assertThat(policy.decide(TIMEOUT, "CLOSED", "switch.turn_on").fallBack()).isFalse();
        assertThat(new FallbackPolicy("*").decide(TIMEOUT, "CLOSED", "lock.unlock").fallBack()).isTrue();
    }

    @Test
    void anEntryThatIsNoServiceIsRefusedAtStartup() {
        assertThatThrownBy(() -> new FallbackPolicy("light.turn_on,Light.Toggle"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Light.Toggle");
        assertThatThrownBy(() -> new FallbackPolicy("light"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
