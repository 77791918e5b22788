package io.hacamel.bridge.publish;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hacamel.bridge.api.ApiException;
import io.hacamel.bridge.publish.DeadLetterStore.DeadLetter;
import io.hacamel.bridge.support.HttpBody;
import io.hacamel.bridge.support.InvalidInputException;
import io.hacamel.bridge.support.UrlUserInfo;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Webhook deliveries that failed for good (bean {@code webhookDeadLetters}): kept on disk by {@link DeadLetterStore},
 * listed, deleted and replayed through the API. A replay sends each dead letter once more through the webhook-post
 * route, oldest first, with {@code X-Bridge-Replay: true} and its original delivery id; a delivered one is deleted,
 * a failed one stays. After a target fails once, its other dead letters wait for the next replay.
 */
public final class DeadLetters {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetters.class);
    private static final Pattern ID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final Pattern TARGET = Pattern.compile("[a-z0-9][a-z0-9_-]*");
    static final String POST_ROUTE = "direct:webhook-post";
    private static final int DEFAULT_LIMIT = 100;
    private static final int MAX_LIMIT = 1000;
    /** Why a delivery that was only waiting when the bridge stopped is in the store: it never failed. */
    private static final String UNDELIVERED_AT_STOP = "not delivered before the bridge stopped";

    private final DeadLetterStore store;
    private final Map<String, WebhookTarget> targets = new HashMap<>();
    private final ObjectMapper json;
    private final CamelContext camelContext;
    private final Counter replayed;
    private final Counter replayFailed;
    private final Counter unstorable;
    private final BooleanSupplier leading;
    private ProducerTemplate template;

    /** @param leading whether the bridge leads its pair (always, without a pair): only the leader delivers */
    DeadLetters(DeadLetterStore store, List<WebhookTarget> targets, ObjectMapper json, CamelContext camelContext,
            MeterRegistry metrics, BooleanSupplier leading) {
        this.store = store;
        this.leading = leading;
        targets.forEach(target -> this.targets.put(target.name(), target));
        this.json = json;
        this.camelContext = camelContext;
        Gauge.builder("habridge.webhook.dead.letters.stored", store, DeadLetterStore::count)
                .description("Dead letters in the store, waiting for a replay").register(metrics);
        this.replayed = Counter.builder("habridge.webhook.replays").tag("outcome", "delivered")
                .description("Dead letters replayed through the API").register(metrics);
        this.replayFailed = Counter.builder("habridge.webhook.replays").tag("outcome", "failed")
                .description("Dead letters replayed through the API").register(metrics);
        this.unstorable = Counter.builder("habridge.webhook.dead.letters.unstorable")
                .description("Dead letters that could not be written to disk (each logged with its payload)")
                .register(metrics);
    }

    /** Keeps a delivery that failed for good; when even the disk fails, the whole delivery goes to the log. */
    void keep(WebhookDelivery delivery, int attempts, String error) {
        if (save(delivery, attempts, error)) {
            LOG.warn("Delivery {} of {} to webhook target {} failed for good after {} attempts ({}); kept as a dead "
                    + "letter for replay", delivery.id(), delivery.entityId(), delivery.target(), attempts, error);
        }
    }

    /** Keeps what a target had not delivered when the bridge stopped, with one log line. */
    void keepUndelivered(String target, List<WebhookDelivery> deliveries) {
        long kept = deliveries.stream().filter(delivery -> save(delivery, 0, UNDELIVERED_AT_STOP)).count();
        if (!deliveries.isEmpty()) {
            LOG.warn("Stopped with {} deliveries to webhook target {} not made; {} kept as dead letters for replay",
                    deliveries.size(), target, kept);
        }
    }

    /**
     * Takes out of the store the deliveries the last run had only queued (they never failed), oldest first, so
     * that they go out again ahead of this run's changes: a later state of the same entity then still arrives
     * last, where a manual replay after the new states would have overwritten them with older ones.
     */
    List<WebhookDelivery> takeUndelivered(String target) {
        List<WebhookDelivery> resumed = new ArrayList<>();
        for (DeadLetter letter : store.list()) {
            if (letter.target().equals(target) && letter.attempts() == 0
                    && UNDELIVERED_AT_STOP.equals(letter.lastError()) && store.delete(letter.id())) {
                resumed.add(letter.delivery());
            }
        }
        if (!resumed.isEmpty()) {
            LOG.info("Resuming {} deliveries to webhook target {} that the bridge had not made when it stopped",
                    resumed.size(), target);
        }
        return resumed;
    }

    private boolean save(WebhookDelivery delivery, int attempts, String error) {
        try {
            store.save(DeadLetter.of(delivery, attempts, error));
            return true;
        } catch (IOException | RuntimeException e) {
            unstorable.increment();
            LOG.error("Delivery {} to webhook target {} failed for good ({}) and could not be kept in {}: {}. "
                    + "Its payload: {}", delivery.id(), delivery.target(), error, store.directory(), e.toString(),
                    delivery.payload());
            return false;
        }
    }

    /** {@code GET /api/v1/webhooks/dead-letters?target=&limit=}: oldest first. */
    public void list(Exchange exchange) throws JsonProcessingException {
        String target = target(exchange);
        int limit = limit(exchange);
        List<DeadLetter> letters = select(target);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("count", letters.size());
        body.put("dead_letters", letters.subList(0, Math.min(limit, letters.size())));
        body.put("directory", store.directory().toString());
        respond(exchange, body);
    }

    /** {@code DELETE /api/v1/webhooks/dead-letters/{id}}: gives up on a dead letter. */
    public void delete(Exchange exchange) throws JsonProcessingException {
        String id = id(exchange);
        if (!store.delete(id)) {
            throw new ApiException(404, "no dead letter " + id);
        }
        LOG.info("Dead letter {} deleted through the API", id);
        respond(exchange, Map.of("deleted", id));
    }

    /** {@code POST /api/v1/webhooks/dead-letters/replay?target=&limit=}: the oldest dead letters, once more. */
    public synchronized void replayOldest(Exchange exchange) throws JsonProcessingException {
        checkLeading();
        List<DeadLetter> all = select(target(exchange));
        respond(exchange, replay(all.subList(0, Math.min(limit(exchange), all.size()))));
    }

    /** {@code POST /api/v1/webhooks/dead-letters/{id}/replay}: one dead letter; 502 when it fails again. */
    public synchronized void replayOne(Exchange exchange) throws JsonProcessingException {
        checkLeading();
        String id = id(exchange);
        DeadLetter letter = store.get(id).orElseThrow(() -> new ApiException(404, "no dead letter " + id));
        String error = send(letter);
        if (error != null) {
            throw new ApiException(502, "replaying " + id + " failed: " + error);
        }
        respond(exchange, replayReport(1, 0, List.of(result(letter, "delivered", null))));
    }

    /** Only the leader of a pair delivers webhooks; a standby's dead letters wait until it leads. */
    private void checkLeading() {
        if (!leading.getAsBoolean()) {
            throw new ApiException(503, "this bridge is the standby of its pair and delivers no webhooks: replay "
                    + "its dead letters when it leads, or replay those of the leader on the leader");
        }
    }

    private Map<String, Object> replay(List<DeadLetter> letters) {
        List<Map<String, Object>> results = new ArrayList<>();
        Set<String> failedTargets = new HashSet<>();
        int delivered = 0;
        int failed = 0;
        for (DeadLetter letter : letters) {
            if (failedTargets.contains(letter.target())) {
                results.add(result(letter, "skipped", null));
                continue;
            }
            String error = send(letter);
            if (error == null) {
                delivered++;
                results.add(result(letter, "delivered", null));
            } else {
                failed++;
                failedTargets.add(letter.target());
                results.add(result(letter, "failed", error));
            }
        }
        return replayReport(delivered, failed, results);
    }

    private Map<String, Object> replayReport(int delivered, int failed, List<Map<String, Object>> results) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("replayed", results.size());
        body.put("delivered", delivered);
        body.put("failed", failed);
        body.put("skipped", results.size() - delivered - failed);
        body.put("remaining", store.count());
        body.put("results", results);
        return body;
    }

    private static Map<String, Object> result(DeadLetter letter, String outcome, String error) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("id", letter.id());
        result.put("target", letter.target());
        result.put("entity_id", letter.entityId());
        result.put("outcome", outcome);
        if (error != null) {
            result.put("error", error);
        }
        return result;
    }

    void start() {
        template = camelContext.createProducerTemplate();
    }

    void stop() {
        if (template != null) {
            template.stop();
            template = null;
        }
    }

    Map<String, Object> describe() {
        Map<String, Object> description = new LinkedHashMap<>();
        description.put("directory", store.directory().toString());
        description.put("stored", store.count());
        return description;
    }

    /**
     * For the status page: how many wait, the oldest (when, for which target and entity; not its payload or error,
     * which the dead-letter API lists), and how replays went.
     */
    Map<String, Object> overview() {
        Map<String, Object> overview = new LinkedHashMap<>();
        overview.put("stored", store.count());
        overview.put("oldest", store.oldest().map(letter -> {
            Map<String, Object> oldest = new LinkedHashMap<>();
            oldest.put("target", letter.target());
            oldest.put("entity_id", letter.entityId());
            oldest.put("dead_lettered_at", letter.deadLetteredAt());
            return oldest;
        }).orElse(null));
        overview.put("replays_delivered", (long) replayed.count());
        overview.put("replays_failed", (long) replayFailed.count());
        overview.put("unstorable", (long) unstorable.count());
        return overview;
    }

    /** One attempt; null when delivered, else why not (the dead letter is kept, its error updated). */
    private String send(DeadLetter letter) {
        Exchange exchange = template.send(POST_ROUTE, e -> e.setVariable(Webhooks.DELIVERY, letter.delivery()));
        Exception failure = exchange.getException();
        if (failure == null) {
            store.delete(letter.id());
            replayed.increment();
            LOG.info("Replayed dead letter {} of {} to webhook target {}", letter.id(), letter.entityId(),
                    letter.target());
            return null;
        }
        replayFailed.increment();
        WebhookTarget target = targets.get(letter.target());
        String error = target == null ? UrlUserInfo.mask(failure.getMessage()) : target.describeFailure(failure);
        try {
            store.save(letter.replayFailed(error));
        } catch (IOException e) {
            LOG.warn("Could not update dead letter {}: {}", letter.id(), e.toString());
        }
        LOG.warn("Replaying dead letter {} to webhook target {} failed: {}", letter.id(), letter.target(), error);
        return error;
    }

    private List<DeadLetter> select(String target) {
        List<DeadLetter> letters = store.list();
        return target == null ? letters : letters.stream().filter(l -> l.target().equals(target)).toList();
    }

    private static String id(Exchange exchange) {
        String id = exchange.getMessage().getHeader("id", String.class);
        if (id == null || !ID.matcher(id).matches()) {
            throw new InvalidInputException("id", "a dead letter id is a UUID such as "
                    + "01890a5d-ac96-774b-bcce-b302099a8057");
        }
        return id;
    }

    private static String target(Exchange exchange) {
        String target = exchange.getMessage().getHeader("target", String.class);
        if (target != null && !TARGET.matcher(target).matches()) {
            throw new InvalidInputException("target", "a webhook target name has lower-case letters, digits, - and _");
        }
        return target;
    }

    private static int limit(Exchange exchange) {
        String limit = exchange.getMessage().getHeader("limit", String.class);
        if (limit == null) {
            return DEFAULT_LIMIT;
        }
        try {
            int value = Integer.parseInt(limit);
            if (value >= 1 && value <= MAX_LIMIT) {
                return value;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new InvalidInputException("limit", "limit must be a number from 1 to " + MAX_LIMIT);
    }

    private void respond(Exchange exchange, Map<String, Object> body) throws JsonProcessingException {
        Map<String, Object> answer = new LinkedHashMap<>(body);
        answer.put("timestamp", Instant.now().toString());
        Message message = exchange.getMessage();
        message.removeHeaders("*");
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
        message.setHeader(Exchange.CONTENT_TYPE, "application/json");
        message.setBody(HttpBody.of(json.writeValueAsBytes(answer)));
    }
}
