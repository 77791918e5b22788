package io.hacamel.bridge.publish;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.function.BooleanSupplier;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hacamel.bridge.client.HaEvent;
import io.hacamel.bridge.support.UrlUserInfo;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.Body;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The webhook targets (bean {@code webhooks}). Each target has its own {@link PublishQueue} and thread, so a slow or
 * dead target delays only itself; its deliveries go one at a time through the {@code webhook-deliver} route, which
 * retries with backoff and finally keeps a delivery in the dead-letter store. Nothing accepted is dropped: what is
 * still queued when the bridge stops is stored too, and queued again first when it starts. Only the leader of a pair
 * delivers ({@link #lead()}, {@link #follow()}); a standby keeps each target's changes of the resync window
 * ({@link ResyncWindow}) and resends them, marked resync, when it takes the lead.
 */
public final class Webhooks extends ServiceSupport {

    private static final Logger LOG = LoggerFactory.getLogger(Webhooks.class);
    /** Exchange variables of a delivery: the delivery, and how many attempts it has had. */
    static final String DELIVERY = "webhookDelivery";
    static final String ATTEMPTS = "webhookAttempts";
    static final String ROUTE = "direct:webhook-deliver";
    private static final String DELIVERY_HEADER = "X-Bridge-Delivery";

    /** A target with its queue, its standby's window and meters. */
    private record Target(WebhookTarget config, PublishQueue<WebhookDelivery> queue, ResyncWindow window,
            Counter delivered, Counter retries, Counter deadLettered) {
    }

    private final CamelContext camelContext;
    private final ObjectMapper json;
    private final DeadLetters deadLetters;
    private final BooleanSupplier initialSyncDone;
    private final Map<String, Target> targets = new LinkedHashMap<>();
    private final BooleanSupplier mayAct;
    /** Guards the role: whether a change is queued for delivery or kept in the window. */
    private final Object roles = new Object();
    private boolean leading;
    private ProducerTemplate template;
    private ExecutorService threads;

    /**
     * @param resyncWindow how far back a standby keeps changes to resend when it takes the lead; null for a bridge
     *                     without a pair, which leads from its start
     * @param mayAct whether the bridge may deliver at this instant (it leads)
     */
    Webhooks(CamelContext camelContext, List<WebhookTarget> configs, int queueCapacity, ObjectMapper json,
            DeadLetters deadLetters, BooleanSupplier initialSyncDone, MeterRegistry metrics, Duration resyncWindow,
            BooleanSupplier mayAct) {
        this.camelContext = camelContext;
        this.json = json;
        this.deadLetters = deadLetters;
        this.initialSyncDone = initialSyncDone;
        this.mayAct = mayAct;
        this.leading = resyncWindow == null;
        for (WebhookTarget config : configs) {
            PublishQueue<WebhookDelivery> queue = new PublishQueue<>("webhook " + config.name(), queueCapacity,
                    WebhookDelivery::entityId, WebhookDelivery::merge, this::deliver);
            targets.put(config.name(), new Target(config, queue,
                    resyncWindow == null ? null : new ResyncWindow(resyncWindow),
                    counter(metrics, "habridge.webhook.deliveries", "Deliveries the target accepted (2xx)", config),
                    counter(metrics, "habridge.webhook.retries", "Delivery attempts repeated after a failure", config),
                    counter(metrics, "habridge.webhook.dead.letters", "Deliveries that failed for good and were kept "
                            + "in the dead-letter store", config)));
            Gauge.builder("habridge.webhook.queue.depth", queue, PublishQueue::depth).tag("target", config.name())
                    .description("Deliveries waiting for the target").register(metrics);
            FunctionCounter.builder("habridge.webhook.coalesced", queue, PublishQueue::coalesced)
                    .tag("target", config.name())
                    .description("Changes merged into a waiting delivery of the same entity while the target lagged")
                    .register(metrics);
            if (config.secret().isEmpty()) {
                LOG.warn("Webhook target {} has no secret (webhook.{}.secret): its deliveries are not signed",
                        config.name(), config.name());
            }
        }
    }

    /** For the publish route: queues the change for every target that wants it; never blocks. */
    public void enqueue(@Body HaEvent event) {
        if (targets.isEmpty()) {
            return;
        }
        EventKind kind = EventKind.of(event, !initialSyncDone.getAsBoolean());
        synchronized (roles) {
            for (Target target : targets.values()) {
                if (target.config().accepts(kind, event.entityId())) {
                    WebhookDelivery delivery = WebhookDelivery.of(target.config().name(), event);
                    if (!leading) {
                        target.window().add(delivery);
                    } else if (!target.queue().offer(delivery)) {
                        deadLetters.keepUndelivered(target.config().name(), List.of(delivery));
                    }
                }
            }
        }
    }

    /**
     * Starts delivering, as the bridge takes the lead (or starts, without a pair): first what this bridge stored
     * undelivered when it last stopped delivering, then (in a pair) the changes of the resync window, then new ones.
     */
    public void lead() {
        synchronized (roles) {
            leading = true;
            for (Target target : targets.values()) {
                target.queue().start(threads);
                deadLetters.takeUndelivered(target.config().name()).forEach(target.queue()::offer);
                if (target.window() != null) {
                    resend(target);
                }
            }
        }
    }

    /** Stops delivering, as the bridge gives up the lead: what is still queued is stored, as at a stop. */
    public void follow() {
        synchronized (roles) {
            if (!leading) {
                return;
            }
            leading = false;
        }
        for (Target target : targets.values()) {
            deadLetters.keepUndelivered(target.config().name(), target.queue().stop(2_000));
        }
    }

    /**
     * For the webhook-post route: the delivery as a signed POST to its target. The body is the delivery's JSON; the
     * headers are the target's own plus {@code X-Bridge-Delivery}, {@code -Event}, {@code -Attempt},
     * {@code -Timestamp}, {@code -Signature} and, for a replay, {@code -Replay}.
     */
    public void prepareRequest(Exchange exchange) throws JsonProcessingException {
        WebhookDelivery delivery = exchange.getVariable(DELIVERY, WebhookDelivery.class);
        Target target = targets.get(delivery.target());
        if (target == null) {
            throw new WebhookRejectedException("no webhook target named " + delivery.target() + " is configured");
        }
        int attempt = exchange.getVariable(ATTEMPTS, 0, Integer.class) + 1;
        exchange.setVariable(ATTEMPTS, attempt);
        byte[] body = json.writeValueAsBytes(delivery.payload());
        long timestamp = Instant.now().getEpochSecond();
        Message message = exchange.getMessage();
        // Camel counts redeliveries in its headers; everything else would become a request header
        message.removeHeaders("*", "CamelRedelivery*");
        target.config().headers().forEach(message::setHeader);
        message.setHeader(Exchange.HTTP_URI, target.config().url().toString());
        message.setHeader(Exchange.HTTP_METHOD, "POST");
        message.setHeader(Exchange.CONTENT_TYPE, "application/json");
        message.setHeader("User-Agent", "ha-camel-bridge");
        message.setHeader(DELIVERY_HEADER, delivery.id());
        message.setHeader("X-Bridge-Event", delivery.payload().path("event_type").asText());
        message.setHeader("X-Bridge-Attempt", attempt);
        message.setHeader(WebhookSignature.TIMESTAMP_HEADER, timestamp);
        if (!target.config().secret().isEmpty()) {
            message.setHeader(WebhookSignature.SIGNATURE_HEADER,
                    WebhookSignature.sign(target.config().secret(), timestamp, body));
        }
        if (delivery.replay()) {
            message.setHeader("X-Bridge-Replay", true);
        }
        message.setBody(body);
    }

    /**
     * For the webhook-post route: a 2xx answer is a delivery; 408, 425, 429 and 5xx are worth retrying; anything
     * else (another 4xx, a redirect) will not get better and fails for good.
     */
    public void checkAnswer(Exchange exchange) {
        Message message = exchange.getMessage();
        int status = message.getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
        if (status >= 200 && status < 300) {
            return;
        }
        WebhookDelivery delivery = exchange.getVariable(DELIVERY, WebhookDelivery.class);
        String answer = message.getBody(String.class);
        String error = "HTTP " + status + " from webhook target " + delivery.target()
                + (answer == null || answer.isBlank() ? "" : ": " + excerpt(answer));
        if (status == 408 || status == 425 || status == 429 || status >= 500) {
            throw new WebhookFailedException(error);
        }
        throw new WebhookRejectedException(error);
    }

    /** For the webhook-deliver route: the target took the delivery. */
    public void delivered(Exchange exchange) {
        WebhookDelivery delivery = exchange.getVariable(DELIVERY, WebhookDelivery.class);
        int attempts = exchange.getVariable(ATTEMPTS, 1, Integer.class);
        targets.get(delivery.target()).delivered().increment();
        if (attempts > 1) {
            LOG.info("Delivered {} of {} to webhook target {} at attempt {}", delivery.id(), delivery.entityId(),
                    delivery.target(), attempts);
        }
    }

    /** Before each retry (onRedelivery of webhook-errors): one line, and the retries meter. */
    public void retrying(Exchange exchange) {
        WebhookDelivery delivery = exchange.getVariable(DELIVERY, WebhookDelivery.class);
        Throwable error = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        targets.get(delivery.target()).retries().increment();
        LOG.info("Retrying delivery {} of {} to webhook target {} (attempt {}): {}", delivery.id(),
                delivery.entityId(), delivery.target(), exchange.getVariable(ATTEMPTS, 0, Integer.class) + 1,
                describe(error, delivery));
    }

    /** For the webhook-dead-letter route: the delivery failed for good. */
    public void deadLettered(Exchange exchange) {
        keepAsDeadLetter(exchange.getVariable(DELIVERY, WebhookDelivery.class), exchange,
                exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class));
    }

    /** Ready to deliver: the bridge's role decides when ({@link #lead()}). */
    @Override
    protected void doStart() {
        if (targets.isEmpty()) {
            return;
        }
        template = camelContext.createProducerTemplate();
        threads = camelContext.getExecutorServiceManager().newFixedThreadPool(this, "PublishWebhooks", targets.size());
    }

    /** What is still queued, or was interrupted mid-delivery, is kept as a dead letter. */
    @Override
    protected void doStop() {
        follow();
        if (threads != null) {
            camelContext.getExecutorServiceManager().shutdownNow(threads);
            threads = null;
        }
        if (template != null) {
            template.stop();
            template = null;
        }
    }

    List<Map<String, Object>> describe() {
        return targets.values().stream().map(target -> {
            Map<String, Object> description = target.config().describe();
            description.put("queue_depth", target.queue().depth());
            description.put("queue_capacity", target.queue().capacity());
            description.put("coalesced", target.queue().coalesced());
            description.put("delivered", (long) target.delivered().count());
            description.put("retries", (long) target.retries().count());
            description.put("dead_lettered", (long) target.deadLettered().count());
            return description;
        }).toList();
    }

    /** For the status page: each target's queue and counts, without its address or secret. */
    List<Map<String, Object>> overview() {
        return targets.values().stream().map(target -> {
            Map<String, Object> overview = new LinkedHashMap<>();
            overview.put("target", target.config().name());
            overview.put("queue_depth", target.queue().depth());
            overview.put("queue_capacity", target.queue().capacity());
            overview.put("coalesced", target.queue().coalesced());
            overview.put("delivered", (long) target.delivered().count());
            overview.put("retries", (long) target.retries().count());
            overview.put("dead_lettered", (long) target.deadLettered().count());
            return overview;
        }).toList();
    }

    /** The standby's window into the queue, as resync deliveries, behind what this bridge stored undelivered. */
    private void resend(Target target) {
        List<WebhookDelivery> resync = target.window().takeAll();
        long dropped = target.window().takeDropped();
        if (!resync.isEmpty() || dropped > 0) {
            LOG.info("Resending {} changes of the last {} s to webhook target {} as resync deliveries, as the new "
                    + "leader cannot know which the old leader delivered{}", resync.size(),
                    target.window().seconds(), target.config().name(),
                    dropped == 0 ? "" : "; " + dropped + " older changes of the window did not fit and are not resent");
        }
        resync.forEach(target.queue()::offer);
    }

    /**
     * False for a delivery interrupted by stop(), and for one the bridge may no longer make (it stopped leading),
     * which stop() then keeps; webhook-errors handles every failure.
     */
    private boolean deliver(WebhookDelivery delivery) {
        if (!mayAct.getAsBoolean()) {
            return false;
        }
        Exchange exchange = template.send(ROUTE, e -> e.setVariable(DELIVERY, delivery));
        Exception error = exchange.getException();
        if (error == null) {
            return true;
        }
        if (error instanceof InterruptedException || Thread.currentThread().isInterrupted()) {
            return false;
        }
        // the error handling itself failed: the delivery still counts, and is kept, as a dead letter
        keepAsDeadLetter(delivery, exchange, error);
        return true;
    }

    private void keepAsDeadLetter(WebhookDelivery delivery, Exchange exchange, Throwable error) {
        Target target = targets.get(delivery.target());
        if (target != null) {
            target.deadLettered().increment();
        }
        deadLetters.keep(delivery, exchange.getVariable(ATTEMPTS, 0, Integer.class), describe(error, delivery));
    }

    private String describe(Throwable error, WebhookDelivery delivery) {
        Target target = targets.get(delivery.target());
        return target == null ? UrlUserInfo.mask(String.valueOf(error)) : target.config().describeFailure(error);
    }

    private static String excerpt(String text) {
        String line = text.replaceAll("\\s+", " ").trim();
        return line.length() > 200 ? line.substring(0, 200) + "…" : line;
    }

    private static Counter counter(MeterRegistry metrics, String name, String description, WebhookTarget target) {
        return Counter.builder(name).tag("target", target.name()).description(description).register(metrics);
    }
}
