package io.hacamel.bridge.api;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.component.caffeine.CaffeineConstants;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What a fetch brings back is kept unless a change of its entity (or, for a list, any change) overtook it. */
class StateCacheStatusTest {

    private final CamelContext context = new DefaultCamelContext();
    private final Cache<String, Object> states = Caffeine.newBuilder().build();
    private final Cache<String, Object> groups = Caffeine.newBuilder().build();
    private final StateCacheStatus status = new StateCacheStatus("invalidate");

    StateCacheStatusTest() {
        context.getRegistry().bind("ha-states", states);
        context.getRegistry().bind("ha-state-groups", groups);
    }

    @Test
    void aFetchKeepsWhatItBroughtUnlessAChangeOfItsEntityOvertookIt() {
        Exchange lamp = fetch("light.lamp");
        Exchange porch = fetch("light.porch");
        status.changed("light.porch");

        keep(lamp, "lamp state");
        keep(porch, "porch state, older than the change");

        assertThat(states.asMap()).containsOnlyKeys("light.lamp");
    }

    @Test
    void aListFetchIsOvertakenByAnyChange() {
        Exchange all = listFetch("all");
        status.changed("sensor.anything");

        keep(all, "every state, some older than the change");

        assertThat(groups.asMap()).isEmpty();
    }

    @Test
    void aChangeBeforeTheFetchStartedOvertakesNothing() {
        status.changed("light.lamp");
        Exchange lamp = fetch("light.lamp");

        keep(lamp, "lamp state, newer than the change");

        assertThat(states.asMap()).containsEntry("light.lamp", "lamp state, newer than the change");
    }

    @Test
    void onlyFetchesInFlightAreRememberedHoweverManyEntitiesChange() {
        for (int i = 0; i < 10_000; i++) {
            status.changed("sensor.s" + i);
        }
        Exchange lamp = fetch("light.lamp");
        assertThat(status.fetchesInFlight()).isEqualTo(1);

        done(lamp);

        assertThat(status.fetchesInFlight()).isZero();
    }

    private Exchange fetch(String entityId) {
        Exchange exchange = new DefaultExchange(context);
        exchange.setVariable(StateCacheStatus.ENTITY_ID, entityId);
        exchange.setVariable(StateCacheStatus.CACHE_NAME, "ha-states");
        status.fetchStarting(exchange);
        return exchange;
    }

    private Exchange listFetch(String groupKey) {
        Exchange exchange = new DefaultExchange(context);
        exchange.getMessage().setHeader(CaffeineConstants.KEY, groupKey);
        exchange.setVariable(StateCacheStatus.CACHE_NAME, "ha-state-groups");
        status.fetchStarting(exchange);
        return exchange;
    }

    private void keep(Exchange exchange, Object fetched) {
        exchange.getMessage().setBody(fetched);
        status.keepFetched(exchange);
        done(exchange);
    }

    /** What the exchange's unit of work does when it completes. */
    private static void done(Exchange exchange) {
        exchange.getExchangeExtension().handoverCompletions().forEach(completion -> completion.onComplete(exchange));
    }
}
