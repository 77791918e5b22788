package io.hacamel.bridge.commands;

import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.hacamel.bridge.api.ApiException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.Exchange;
import org.apache.camel.support.SynchronizationAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bulkhead of service calls over HTTP (bean {@code serviceCallBulkhead}, route {@code call-service-http}). The HTTP
 * server runs every request on one of Vert.x's {@value #HTTP_WORKER_THREADS} worker threads, and a service call holds
 * its thread for as long as Home Assistant takes to answer (up to {@code commands.timeout}, then the REST fallback's
 * timeouts). At most {@code commands.http.max-concurrent} calls may hold one at once; a call beyond that is answered
 * 503 at once, with {@code Retry-After}, so that reads, probes and the status page always find a free thread.
 */
public final class ServiceCallBulkhead {

    /** Vert.x's default worker pool, which the HTTP server (camel-platform-http-vertx) runs requests on. */
    static final int HTTP_WORKER_THREADS = 20;
    private static final int RETRY_AFTER_SECONDS = 1;
    private static final long LOG_EVERY_NANOS = TimeUnit.MINUTES.toNanos(1);
    private static final Logger LOG = LoggerFactory.getLogger(ServiceCallBulkhead.class);

    private final int capacity;
    private final Semaphore slots;
    private final Counter rejected;
    /** When refusals were last logged: at most one line a minute, the meter counts every one. */
    private final AtomicLong lastLogged = new AtomicLong(System.nanoTime() - LOG_EVERY_NANOS);

    ServiceCallBulkhead(int capacity, MeterRegistry meters) {
        if (capacity < 1 || capacity >= HTTP_WORKER_THREADS) {
            throw new IllegalArgumentException("commands.http.max-concurrent must be 1 to " + (HTTP_WORKER_THREADS - 1)
                    + " (the HTTP server has " + HTTP_WORKER_THREADS + " worker threads for every request), was "
                    + capacity);
        }
        this.capacity = capacity;
        this.slots = new Semaphore(capacity);
        this.rejected = Counter.builder("habridge.command.http.rejected").description("Service calls over HTTP "
                + "answered 503 at once because commands.http.max-concurrent calls were in flight").register(meters);
        Gauge.builder("habridge.command.http.in.flight", this, ServiceCallBulkhead::inFlight)
                .description("Service calls over HTTP in flight, at most commands.http.max-concurrent")
                .register(meters);
    }

    /** Takes a slot until the request's exchange completes, or refuses the call with 503 and Retry-After. */
    public void enter(Exchange exchange) {
        if (!slots.tryAcquire()) {
            rejected.increment();
            long now = System.nanoTime();
            long last = lastLogged.get();
            if (now - last >= LOG_EVERY_NANOS && lastLogged.compareAndSet(last, now)) {
                LOG.warn("{} service calls over HTTP are waiting for Home Assistant (commands.http.max-concurrent): "
                        + "more are answered 503 until one ends (habridge_command_http_rejected_total counts them)",
                        capacity);
            }
            throw new ApiException(503, capacity + " service calls are already waiting for Home Assistant; try again "
                    + "in a moment", Map.of(), RETRY_AFTER_SECONDS);
        }
        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onDone(Exchange done) {
                slots.release();
            }
        });
    }

    int inFlight() {
        return capacity - slots.availablePermits();
    }

    int capacity() {
        return capacity;
    }
}
