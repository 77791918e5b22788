package io.hacamel.bridge.cluster;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Leader-only work starts in the order it was added and stops in the reverse; one that fails keeps no other back. */
class DutiesTest {

    private final List<String> happened = new ArrayList<>();

    @Test
    void startInOrderStopInReverseAndAFailureKeepsNoOtherBack() {
        Duties duties = new Duties();
        duties.add(recording("mqtt", false));
        duties.add(recording("webhooks", true));
        duties.add(recording("ledger", false));

        duties.lead();
        duties.follow();

        assertThat(happened).containsExactly("lead mqtt", "lead webhooks", "lead ledger",
                "follow ledger", "follow webhooks", "follow mqtt");
    }

    private Leadership.Duty recording(String name, boolean fails) {
        return new Leadership.Duty() {
            @Override
            public void lead() {
                act("lead " + name);
            }

            @Override
            public void follow() {
                act("follow " + name);
            }

            private void act(String what) {
                happened.add(what);
                if (fails) {
                    throw new IllegalStateException(what + " failed on purpose");
                }
            }

            @Override
            public String toString() {
                return name;
            }
        };
    }
}
