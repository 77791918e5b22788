package io.hacamel.bridge.simulator;

import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One render_template subscription, following Home Assistant's {@code async_track_template_result}: it renders
 * again when an entity it read changes, sends the result only when it differs from the last one, and sends a
 * failed render as a template_error result once. After a failure it listens to every state change, which Home
 * Assistant rate-limits to one render a minute except for the entities the failed render had read. All state
 * lives under the home's lock, since changes arrive from any thread.
 */
final class TemplateSubscription {

    /** Home Assistant's {@code ALL_STATES_RATE_LIMIT}. */
    static final long ALL_STATES_RATE_LIMIT_NANOS = TimeUnit.MINUTES.toNanos(1);

    private final CommandRequest request;
    private final SimulatedHome home;
    private final HaTemplate template;
    private final Map<String, Object> variables;
    private final boolean strict;
    private HaTemplate.Rendered info;
    private boolean sent;
    private Object lastResult;
    private boolean lastWasError;
    private long lastRender;
    private boolean rendered;
    private LoopTimer rateLimited;
    private Runnable stopListening;
    private boolean active;

    TemplateSubscription(CommandRequest request, HaTemplate template, Map<String, Object> variables, boolean strict) {
        this.request = request;
        this.home = request.home();
        this.template = template;
        this.variables = variables;
        this.strict = strict;
    }

    /** Renders once to check the template, answers, and sends the first result on a later turn of the loop. */
    void start() {
        home.atomically(() -> {
            info = render();
            if (info.error() != null) {
                request.error("template_error", info.error().getMessage());
                return;
            }
            active = true;
            stopListening = home.listen(this::onEvent, () -> request.result("null"));
            request.session().track(request.id(), this::stop);
        });
        request.simulation().context().runOnContext(v -> home.atomically(() -> {
            if (active) {
                refresh();
            }
        }));
    }

    private void onEvent(HomeEvent event) {
        if (!active || !HomeEvent.STATE_CHANGED.equals(event.type())) {
            return;
        }
        boolean read = info.entities().contains(event.entityId());
        if (!read && info.error() == null) {
            return;
        }
        if (!read) {
            long wait = lastRender + ALL_STATES_RATE_LIMIT_NANOS - System.nanoTime();
            if (rendered && wait > 0) {
                if (rateLimited == null) {
                    rateLimited = LoopTimer.start(request.simulation(), wait, this::onRateLimitPassed);
                }
                return;
            }
            cancelRateLimit();
        }
        refresh();
    }

    private void onRateLimitPassed() {
        home.atomically(() -> {
            rateLimited = null;
            if (active && info.error() != null) {
                refresh();
            }
        });
    }

    private void refresh() {
        lastRender = System.nanoTime();
        rendered = true;
        info = render();
        boolean error = info.error() != null;
        if (sent && (error ? lastWasError : !lastWasError && Py.equal(info.result(), lastResult))) {
            return;
        }
        sent = true;
        lastWasError = error;
        lastResult = info.result();
        long id = request.id();
        if (error) {
            request.session().respond(Messages.error(id, "template_error", info.error().getMessage()));
            return;
        }
        StringBuilder event = PyJson.write(info.result(), new StringBuilder("{\"result\":"));
        event.append(",\"listeners\":{\"all\":false,\"entities\":[");
        boolean first = true;
        for (String entity : info.entities()) {
            Json.appendQuoted(first ? event : event.append(','), entity);
            first = false;
        }
        request.session().sendEvent(id, event.append("],\"domains\":[],\"time\":false}}").toString());
    }

    private HaTemplate.Rendered render() {
        return template.renderToInfo(home::entityState, variables, strict);
    }

    private void stop() {
        home.atomically(() -> {
            active = false;
            cancelRateLimit();
            if (stopListening != null) {
                stopListening.run();
            }
        });
    }

    private void cancelRateLimit() {
        if (rateLimited != null) {
            rateLimited.cancel();
            rateLimited = null;
        }
    }
}
