package io.hacamel.bridge.support;

import java.util.concurrent.atomic.AtomicLong;

import io.hacamel.bridge.testing.LogCapture;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;

/** A refusal a client can provoke at will is logged once a minute, with how many were not. */
class ThrottledLogTest {

    @Test
    void oneLineAMinuteThenHowManyWereNotLogged() {
        AtomicLong now = new AtomicLong(1_000);
        ThrottledLog log = new ThrottledLog(LoggerFactory.getLogger("throttled-log-test"), now::get);
        try (LogCapture logs = LogCapture.capture()) {
            log.warn("refused {}", 1);
            log.warn("refused {}", 2);
            now.set(60_999);
            log.warn("refused {}", 3);
            now.set(61_000);
            log.warn("refused {}", 4);
            log.warn("refused {}", 5);

            assertThat(logs.lines()).filteredOn(line -> line.contains("throttled-log-test")).containsExactly(
                    "WARN throttled-log-test - refused 1",
                    "WARN throttled-log-test - refused 4 (and 2 more like it in the last minute)");
        }
    }
}
