package io.hacamel.bridge.simulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.netty.channel.Channel;
import io.vertx.core.http.ServerWebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * One client connection to /api/websocket, from auth_required to close, following Home Assistant's
 * websocket_api: the auth phase, then commands with strictly increasing ids. Runs on the simulation's event loop;
 * only the send methods are called from other threads.
 */
final class WebSocketSession {

    private static final short NORMAL_CLOSURE = 1000;

    private enum Phase { AUTH, COMMAND, CLOSED }

    private final Simulation sim;
    private final ServerWebSocket ws;
    private final Channel channel;
    private final int number;
    private final OutboundWriter out;
    private final Heartbeat heartbeat;
    /** Subscription id to what cancels it; read from other threads by faults, hence concurrent. */
    private final NavigableMap<Long, Runnable> subscriptions = new ConcurrentSkipListMap<>();
    private volatile Phase phase = Phase.AUTH;
    private volatile boolean authenticated;
    private long lastId;
    private long authTimer = -1;
    private boolean finished;

    WebSocketSession(Simulation sim, ServerWebSocket ws, Channel channel) {
        this.sim = sim;
        this.ws = ws;
        this.channel = channel;
        this.number = sim.stats().connectionOpened();
        this.out = new OutboundWriter(ws, sim.context(), sim.options().slowConsumerLimits(), this::dropSlowConsumer,
            pending -> sim.stats().pendingNow(number, pending));
        this.heartbeat = new Heartbeat(sim.vertx(), ws, sim.options().heartbeat(), sim.faults()::silent, this::abort);
    }

    /** Call on the simulation's event loop, right after the upgrade. */
    void start() {
        sim.connections().add(this);
        ChannelAccess.swallowControlFramesWhile(channel, sim.faults()::silent);
        ws.textMessageHandler(this::onText);
        ws.binaryMessageHandler(data -> onNonText());
        ws.exceptionHandler(error -> abort());
        ws.closeHandler(v -> onClosed());
        if (ws.isClosed()) {
            onClosed(); // the client was gone before its handlers were set
            return;
        }
        if (!sim.faults().loseAuthRequired()) {
            out.sendFrame(Messages.authRequired(sim.options().haVersion()));
        }
        Duration timeout = sim.options().authTimeout();
        authTimer = sim.vertx().setTimer(Math.max(1, timeout.toMillis()), id -> {
            authTimer = -1;
            if (phase == Phase.AUTH) {
                disconnect(); // "Did not receive auth message within 10 seconds"
            }
        });
        heartbeat.start();
    }

    int number() {
        return number;
    }

    Simulation simulation() {
        return sim;
    }

    boolean isAuthenticated() {
        return authenticated && phase == Phase.COMMAND;
    }

    /** The lowest open subscription id, or 0 when there is none. */
    long firstSubscriptionId() {
        Map.Entry<Long, Runnable> first = subscriptions.firstEntry();
        return first == null ? 0 : first.getKey();
    }

    // ---- outbound, callable from any thread ----

    /** Sends a command's answer, unless the server is silent; delayed when results are delayed. */
    void respond(String frame) {
        if (sim.faults().silent()) {
            return;
        }
        Duration delay = sim.faults().resultDelay();
        if (delay.isZero() || delay.isNegative()) {
            out.send(frame);
        } else {
            sim.vertx().setTimer(Math.max(1, delay.toMillis()), id -> out.send(frame));
        }
    }

    void sendEvent(long subscriptionId, String eventJson) {
        if (!sim.faults().silent()) {
            sim.stats().eventSent();
            out.send(Messages.event(subscriptionId, eventJson));
        }
    }

    /** An event message already framed ({@code {"id":..,"type":"event",..}}), as subscribe_trigger writes its own. */
    void sendEventMessage(String message) {
        if (!sim.faults().silent()) {
            sim.stats().eventSent();
            out.send(message);
        }
    }

    /** A frame exactly as given, for faults. */
    void sendFrame(String frame) {
        out.sendFrame(frame);
    }

    void enableCoalescing() {
        out.enableCoalescing();
    }

    /** A clean close: everything queued is written, then a close frame with {@code code}. */
    void close(short code) {
        out.closeAfterQueued(code);
    }

    /** Drops the TCP connection without a close frame. */
    void abort() {
        ChannelAccess.abort(channel);
    }

    // ---- subscriptions, on the event loop ----

    /**
     * Subscribes and queues {@code answer} before any event can reach the subscription, as Home Assistant's single
     * event loop guarantees.
     */
    void subscribe(long subscriptionId, String eventType, Runnable answer) {
        Runnable cancel = sim.home().listen(event -> {
            if (eventType == null || eventType.equals("*") || eventType.equals(event.type())) {
                sendEvent(subscriptionId, event.json());
            }
        }, answer);
        subscriptions.put(subscriptionId, cancel);
    }

    /** Keeps a subscription made by a command (a trigger, a template) until unsubscribe_events or the close. */
    void track(long subscriptionId, Runnable cancel) {
        subscriptions.put(subscriptionId, cancel);
    }

    boolean unsubscribe(long subscriptionId) {
        Runnable cancel = subscriptions.remove(subscriptionId);
        if (cancel != null) {
            cancel.run();
        }
        return cancel != null;
    }

    // ---- inbound ----

    private void onText(String text) {
        sim.stats().frameReceived();
        JsonNode message;
        try {
            message = Json.parse(text);
        } catch (JsonProcessingException e) {
            sim.record(number, TextNode.valueOf(text));
            if (!sim.faults().silent()) {
                disconnect(); // "Received invalid JSON."
            }
            return;
        }
        List<JsonNode> messages = message.isArray() && phase == Phase.COMMAND
            ? iterate(message) : List.of(message);
        messages.forEach(m -> sim.record(number, m));
        if (sim.faults().silent()) {
            return;
        }
        if (phase == Phase.AUTH) {
            authenticate(message);
        } else if (phase == Phase.COMMAND) {
            messages.forEach(this::handleCommand);
        }
    }

    private void onNonText() {
        sim.stats().frameReceived();
        if (!sim.faults().silent()) {
            disconnect(); // "Received non-Text message."
        }
    }

    private void authenticate(JsonNode message) {
        cancelAuthTimer();
        String rejection = AuthPhase.reject(message, sim.tokens());
        if (rejection == null) {
            phase = Phase.COMMAND;
            authenticated = true;
            sim.stats().authenticated();
            out.sendFrame(Messages.authOk(sim.options().haVersion()));
            return;
        }
        sim.stats().authFailed();
        out.sendFrame(Messages.authInvalid(rejection));
        disconnect();
    }

    /** {@code ActiveConnection.async_handle}: minimal check, id order, dispatch, then the handler's own schema. */
    private void handleCommand(JsonNode message) {
        JsonNode id = message.get("id");
        JsonNode type = message.get("type");
        if (!message.isObject() || id == null || !id.isIntegralNumber() || id.longValue() <= 0
            || type == null || !type.isTextual() || type.textValue().isEmpty()) {
            // like Home Assistant: the id as sent, or 0 when the message is not even an object
            respond(Messages.error(message.isObject() ? Messages.idJson(id) : "0", "invalid_format",
                "Message incorrectly formatted.", null));
            return;
        }
        long currentId = id.longValue();
        if (currentId <= lastId) {
            respond(Messages.error(currentId, "id_reuse", "Identifier values have to increase."));
            return;
        }
        Commands.Command command = Commands.find(type.textValue());
        if (command == null) {
            respond(Messages.error(currentId, "unknown_command", "Unknown command."));
            return;
        }
        CommandRequest request = new CommandRequest(this, (ObjectNode) message, currentId,
            sim.faults().takeWithheld(type.textValue()));
        try {
            List<Invalid> errors = command.schema().validate(message);
            if (errors.isEmpty()) {
                command.handler().handle(request);
            } else {
                request.error("invalid_format", Invalid.humanize(message, errors));
            }
        } catch (UnknownErrorException e) {
            request.error("unknown_error", "Unknown error");
        }
        lastId = currentId;
    }

    // ---- closing ----

    /** Home Assistant's way out of a connection: flush what is queued, then close with 1000. */
    private void disconnect() {
        phase = Phase.CLOSED;
        out.closeAfterQueued(NORMAL_CLOSURE);
    }

    private void dropSlowConsumer() {
        sim.stats().slowConsumerClosed();
        phase = Phase.CLOSED;
        abort();
    }

    private void onClosed() {
        if (finished) {
            return;
        }
        finished = true;
        phase = Phase.CLOSED;
        cancelAuthTimer();
        heartbeat.stop();
        subscriptions.values().forEach(Runnable::run);
        subscriptions.clear();
        out.discard();
        sim.connections().remove(this);
        sim.stats().connectionClosed(authenticated);
    }

    private void cancelAuthTimer() {
        if (authTimer >= 0) {
            sim.vertx().cancelTimer(authTimer);
            authTimer = -1;
        }
    }

    private static List<JsonNode> iterate(JsonNode array) {
        List<JsonNode> items = new ArrayList<>(array.size());
        array.forEach(items::add);
        return items;
    }
}
