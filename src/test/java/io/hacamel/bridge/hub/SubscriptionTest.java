package io.hacamel.bridge.hub;

import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SubscriptionTest {

    @Test
    void matchesByEntityDomainAreaOrAll() {
        Subscription subscription = new Subscription(Set.of("light.a"), Set.of("cover"), Set.of("kitchen"), false);

        assertThat(subscription.matches("light.a", "light", null)).isTrue();
        assertThat(subscription.matches("cover.x", "cover", null)).isTrue();
        assertThat(subscription.matches("switch.y", "switch", "kitchen")).isTrue();
        assertThat(subscription.matches("switch.y", "switch", "hallway")).isFalse();
        assertThat(subscription.matches("odd", null, null)).isFalse();
        assertThat(Subscription.NONE.matches("light.a", "light", "kitchen")).isFalse();
        assertThat(new Subscription(Set.of(), Set.of(), Set.of(), true).matches("odd", null, null)).isTrue();
    }

    @Test
    void growsAndShrinks() {
        Subscription subscription = Subscription.NONE
                .plus(new Subscription(Set.of("light.a"), Set.of("cover"), Set.of(), false))
                .plus(new Subscription(Set.of("light.b"), Set.of(), Set.of("kitchen"), false))
                .minus(new Subscription(Set.of("light.a"), Set.of("cover", "lock"), Set.of(), false));

        assertThat(subscription).isEqualTo(new Subscription(Set.of("light.b"), Set.of(), Set.of("kitchen"), false));
        assertThat(subscription.minus(new Subscription(Set.of(), Set.of(), Set.of(), true)).isEmpty()).isTrue();
    }
}
