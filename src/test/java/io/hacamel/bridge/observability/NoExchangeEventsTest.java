package io.hacamel.bridge.observability;

import io.hacamel.bridge.testing.BridgeTestSupport;
import org.apache.camel.spi.EventNotifier;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * As shipped, no event notifier takes exchange events, so Camel makes no event object for the steps of an exchange
 * (about 30 per Home Assistant event; see {@link QuietNotifiers}).
 */
class NoExchangeEventsTest extends BridgeTestSupport {

    @Test
    void noNotifierTakesExchangeEventsSoCamelMakesNone() {
        assertThat(context.getManagementStrategy().getEventNotifiers()).isNotEmpty()
                .allSatisfy(notifier -> assertThat(notifier.isIgnoreExchangeEvents())
                        .as(notifier.getClass().getName()).isTrue());
        assertThat(context.getCamelContextExtension().isEventNotificationApplicable()).isFalse();
    }
}
