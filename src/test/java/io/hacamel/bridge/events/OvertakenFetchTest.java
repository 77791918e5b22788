package io.hacamel.bridge.events;

import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.hacamel.bridge.testing.ApiClient.Answer;
import io.hacamel.bridge.testing.BridgeTestSupport;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.model.ToDefinition;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A state fetched from Home Assistant while a change of the same entity goes through the cache (cache.mode=invalidate)
 * never puts the older state back: the two are held at the narrowest point, the change right after it dropped the
 * cached state and the fetch right after Home Assistant answered, and the newer state wins.
 */
class OvertakenFetchTest extends BridgeTestSupport {

    private static final String ENTITY = "switch.camel_switch";

    private final CountDownLatch fetched = new CountDownLatch(1);
    private final CountDownLatch fetchMayGoOn = new CountDownLatch(1);
    private final CountDownLatch changeWritten = new CountDownLatch(1);
    private final CountDownLatch changeMayGoOn = new CountDownLatch(1);

    @Override
    protected void bridgeProperties(Properties properties) {
        properties.put("cache.mode", "invalidate");
    }

    @Test
    void aChangeThatOvertakesASlowFetchWins() throws Exception {
        awaitReady();
        // the route's last "to" is the REST request
        AdviceWith.adviceWith(context, "fetch-state", route -> route.weaveByType(ToDefinition.class).selectLast()
                .after().process(exchange -> hold(fetched, fetchMayGoOn)));
        AdviceWith.adviceWith(context, "cache-invalidate", route -> route
                .weaveByToUri("caffeine-cache:ha-states?action=INVALIDATE").after().process(exchange -> {
                    if (ENTITY.equals(exchange.getMessage().getHeader("CamelHomeAssistantEntityId"))) {
                        hold(changeWritten, changeMayGoOn);
                    }
                }));

        CompletableFuture<Answer> read = CompletableFuture.supplyAsync(() -> api.get("/api/v1/states/" + ENTITY));
        awaitLatch(fetched); // Home Assistant answered "off"; the answer is on its way to the cache
        simulator.home().setState(ENTITY, "on");
        awaitLatch(changeWritten); // the change dropped the cached state and is about to go on
        fetchMayGoOn.countDown();

        Answer slow = read.get(20, TimeUnit.SECONDS);
        assertThat(slow.body().path("state").asText()).as("what Home Assistant said when it was asked").isEqualTo("off");
        changeMayGoOn.countDown();
        Answer next = api.get("/api/v1/states/" + ENTITY);
        assertThat(next.body().path("state").asText()).as("the newer state wins").isEqualTo("on");
        assertThat(next.body().path("source").asText()).isEqualTo("home_assistant");
    }

    /** Tells the test this point was reached and waits for it to say go on (at most 20 s, so nothing hangs). */
    private static void hold(CountDownLatch reached, CountDownLatch goOn) throws InterruptedException {
        reached.countDown();
        goOn.await(20, TimeUnit.SECONDS);
    }

    private static void awaitLatch(CountDownLatch latch) throws InterruptedException {
        assertThat(latch.await(20, TimeUnit.SECONDS)).as("reached in time").isTrue();
    }
}
