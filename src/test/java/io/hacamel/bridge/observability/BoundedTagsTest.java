package io.hacamel.bridge.observability;

import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Meters per tag value are made once, and the number of tag values a sender can create is capped. */
class BoundedTagsTest {

    private final AtomicInteger made = new AtomicInteger();
    private final BoundedTags<String> tags = new BoundedTags<>(2, value -> value + "#" + made.incrementAndGet());

    @Test
    void aValueIsMadeOnceAndLookedUpAfterwards() {
        assertThat(tags.get("state_changed")).isEqualTo("state_changed#1");
        assertThat(tags.get("state_changed")).isSameAs(tags.get("state_changed"));
        assertThat(made).hasValue(1);
    }

    @Test
    void beyondTheCapValuesShareOtherAndMissingValuesAreUnknown() {
        tags.get("a");
        tags.get(null);

        assertThat(tags.get("b")).isEqualTo("other#3");
        assertThat(tags.get("c")).isEqualTo("other#3");
        assertThat(tags.get("")).isEqualTo("unknown#2");
        assertThat(tags.all()).containsExactlyInAnyOrder("a#1", "unknown#2", "other#3");
    }
}
