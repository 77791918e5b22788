package io.hacamel.bridge.simulator;

import java.time.Duration;

/**
 * When Home Assistant gives up on a client that does not read: its pending messages stayed above {@code peak} for
 * {@code peakTime}, or reached {@code max} at once (websocket_api's PENDING_MSG_PEAK, PENDING_MSG_PEAK_TIME and
 * MAX_PENDING_MSG).
 */
public record SlowConsumerLimits(int peak, Duration peakTime, int max) {

    public static final SlowConsumerLimits HOME_ASSISTANT = new SlowConsumerLimits(1024, Duration.ofSeconds(10), 4096);

    public SlowConsumerLimits {
        if (peak < 1 || max < peak || peakTime.isNegative() || peakTime.isZero()) {
            throw new IllegalArgumentException("Need 1 <= peak <= max and a positive peak time");
        }
    }
}
