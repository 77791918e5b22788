package io.hacamel.bridge.cluster;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bridge's leader-only work: started in the order it was added, stopped in the reverse, so that what started last
 * (and may lean on what started before) stops first. A duty that fails to start or stop is logged and keeps none of
 * the others from starting or stopping.
 */
final class Duties {

    /** The role's log lines are one logger's, the one users follow the election by. */
    private static final Logger LOG = LoggerFactory.getLogger(Leadership.class);

    private final List<Leadership.Duty> duties = new CopyOnWriteArrayList<>();

    void add(Leadership.Duty duty) {
        duties.add(duty);
    }

    void lead() {
        for (Leadership.Duty duty : duties) {
            try {
                duty.lead();
            } catch (Exception e) {
                LOG.error("Leader-only work {} did not start: {}", duty, e.toString(), e);
            }
        }
    }

    void follow() {
        List<Leadership.Duty> reversed = new ArrayList<>(duties);
        Collections.reverse(reversed);
        for (Leadership.Duty duty : reversed) {
            try {
                duty.follow();
            } catch (Exception e) {
                LOG.error("Leader-only work {} did not stop cleanly: {}", duty, e.toString(), e);
            }
        }
    }
}
