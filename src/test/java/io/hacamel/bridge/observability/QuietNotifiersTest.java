package io.hacamel.bridge.observability;

import io.hacamel.bridge.testing.CamelContexts;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Only Camel's own notifiers are quietened: a notifier of the user's keeps every event it may want. */
class QuietNotifiersTest {

    @Test
    void aUsersNotifierKeepsExchangeEventsEvenWhenItSaysItWantsNoneOfTheSamples() throws Exception {
        EventNotifierSupport users = new EventNotifierSupport() {
            @Override
            public boolean isEnabled(CamelEvent event) {
                return event instanceof CamelEvent.CamelContextStartedEvent;
            }

            @Override
            public void notify(CamelEvent event) {
            }
        };
        try (DefaultCamelContext context = CamelContexts.withoutCliConnector(new DefaultCamelContext())) {
            context.getManagementStrategy().addEventNotifier(users);
            QuietNotifiers.install(context);
            context.start();

            assertThat(users.isIgnoreExchangeEvents()).isFalse();
            assertThat(context.getCamelContextExtension().isEventNotificationApplicable()).isTrue();
        }
    }
}
