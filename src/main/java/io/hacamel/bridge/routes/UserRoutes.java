package io.hacamel.bridge.routes;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutorService;

import io.hacamel.bridge.api.StatusSection;
import io.hacamel.bridge.observability.OverviewSection;
import org.apache.camel.CamelContext;
import org.apache.camel.StartupListener;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The user's own route files, beside the built-ins, reloaded live. Once the bridge has started, one thread loads every
 * {@code *.camel.yaml} of the user folder and then watches the folder: a file added, changed or deleted is swapped
 * alone ({@link RouteFileLoader}), so every other route, the Home Assistant session, MQTT and the hub's clients go on
 * undisturbed. A user file named like a built-in runs instead of it; deleting it brings the built-in back. A file that
 * fails is refused with one log line and shown in {@code /status} and on the status page ({@code user_routes}); what
 * ran before keeps running.
 */
public final class UserRoutes extends ServiceSupport implements StartupListener, StatusSection, OverviewSection {

    private static final Logger LOG = LoggerFactory.getLogger(UserRoutes.class);

    /** A file's text that was refused, and why. */
    private record Refusal(byte[] content, RouteFileException problem, Instant at) {
    }

    private final CamelContext context;
    private final RouteSettings settings;
    private final Set<String> builtIns;
    private final DisabledRoutes disabledRoutes;
    /** Built-ins Camel Main started that nothing replaced since; touched by the watching thread only. */
    private final Set<String> startedBuiltIns;
    /** What this class runs, by file name: user files, and built-ins it brought back. */
    private final Map<String, LoadedRoutes> loaded = new ConcurrentSkipListMap<>();
    private final Map<String, Refusal> refused = new ConcurrentSkipListMap<>();
    private final RouteFileLoader loader;
    private ExecutorService watching;
    private volatile FolderWatch folderWatch;

    UserRoutes(CamelContext context, RouteSettings settings, List<String> builtIns, List<String> startedBuiltIns,
            DisabledRoutes disabledRoutes) {
        this.context = context;
        this.settings = settings;
        this.builtIns = Set.copyOf(builtIns);
        this.startedBuiltIns = ConcurrentHashMap.newKeySet();
        this.startedBuiltIns.addAll(startedBuiltIns);
        this.disabledRoutes = disabledRoutes;
        this.loader = new RouteFileLoader(context);
    }

    @Override
    public void onCamelContextStarted(CamelContext camelContext, boolean alreadyStarted) {
        // routes may only be added once the context is fully started
    }

    @Override
    public void onCamelContextFullyStarted(CamelContext camelContext, boolean alreadyStarted) {
        Set<String> unmatched = disabledRoutes.unmatched();
        settings.disabledFiles().stream().filter(name -> !builtIns.contains(name)).forEach(unmatched::add);
        if (!unmatched.isEmpty()) {
            LOG.warn("routes.disabled names {}, which no built-in route file or route id is", unmatched);
        }
        watching = context.getExecutorServiceManager().newSingleThreadExecutor(this, "UserRoutes");
        watching.execute(this::watch);
    }

    @Override
    protected void doStop() throws IOException {
        if (folderWatch != null) {
            folderWatch.close();
            folderWatch = null;
        }
        if (watching != null) {
            context.getExecutorServiceManager().shutdownNow(watching);
            watching = null;
        }
    }

    private void watch() {
        try {
            folderWatch = new FolderWatch(settings.userFolder());
        } catch (IOException e) {
            LOG.error("Cannot watch the folder of your own routes {}, so none run: {}", settings.userFolder(),
                    e.toString());
            return;
        }
        LOG.info("Your own routes: every *.camel.yaml in {} runs beside the built-in routes, and a change there "
                + "takes effect within 2 s", settings.userFolder());
        folderWatch.run(this::rescan);
    }

    /** Brings every file name the folder has, or had, to what its text says; unchanged files cost a read. */
    private void rescan() {
        SortedSet<String> names;
        try {
            names = settings.userFiles();
        } catch (IOException e) {
            LOG.warn("Could not list {}: {}", settings.userFolder(), e.toString());
            return;
        }
        names.addAll(loaded.keySet());
        names.addAll(refused.keySet());
        for (String name : names) {
            if (!context.isStarted()) {
                return; // stopping: the routes are going anyway
            }
            try {
                reconcile(name);
            } catch (RuntimeException e) {
                LOG.error("Swapping the routes of {} failed: {}", settings.userFolder().resolve(name), e.toString(), e);
            }
        }
    }

    /** Runs what the file's text says now: the user's file, else the built-in of that name, else nothing. */
    private void reconcile(String name) {
        Path file = settings.userFolder().resolve(name);
        String location;
        byte[] content;
        LoadedRoutes current;
        try {
            content = read(file);
            location = content != null ? "file:" + file
                    : settings.runsBuiltIn(name, builtIns) ? DisabledRoutes.BUILT_IN + name : null;
            if (content == null && location != null) {
                content = builtIn(location);
            }
        } catch (RouteFileException e) {
            refuse(name, file, null, e);
            return;
        }
        try {
            current = current(name);
        } catch (RouteFileException e) {
            refuse(name, file, content, e);
            return;
        }
        boolean unchanged = current == null ? content == null : current.isFrom(location, content);
        Refusal refusal = refused.get(name);
        if (unchanged) {
            refused.remove(name);
            return;
        }
        if (refusal != null && Arrays.equals(refusal.content(), content)) {
            return; // refused already, and said so
        }
        RouteFileLoader.Swap swap = loader.swap(current, location, content);
        startedBuiltIns.remove(name);
        if (swap.running() == null) {
            loaded.remove(name);
        } else {
            loaded.put(name, swap.running());
        }
        if (swap.problem() != null) {
            refuse(name, file, content, swap.problem());
        } else {
            refused.remove(name);
            LOG.info("{}", change(name, file, current, swap.running()));
        }
    }

    private static String change(String name, Path file, LoadedRoutes before, LoadedRoutes after) {
        if (after == null) {
            return "Removed " + file + ", which ran " + (before == null ? "no routes" : before.routeIds());
        }
        if (!after.isUserFile()) {
            return "Removed " + file + ": the built-in routes/" + name + " runs again " + after.routeIds();
        }
        String replaced = before != null && !before.isUserFile() ? ", instead of the built-in routes/" + name : "";
        return (before != null && before.isUserFile() ? "Reloaded " : "Loaded ") + file + ": routes "
                + after.routeIds() + replaced;
    }

    private void refuse(String name, Path file, byte[] content, RouteFileException problem) {
        Refusal before = refused.get(name);
        if (before != null && Arrays.equals(before.content(), content)
                && before.problem().getMessage().equals(problem.getMessage())) {
            return; // said so already
        }
        refused.put(name, new Refusal(content, problem, Instant.now()));
        LOG.warn("Refused {}{}: {}. What ran before keeps running.", file,
                problem.line() > 0 ? ", line " + problem.line() : "", problem.getMessage());
    }

    /** What runs for this file name now: what this class loaded, else the built-in Camel Main started. */
    private LoadedRoutes current(String name) throws RouteFileException {
        LoadedRoutes current = loaded.get(name);
        if (current == null && startedBuiltIns.contains(name)) {
            String location = DisabledRoutes.BUILT_IN + name;
            current = loader.running(location, builtIn(location));
        }
        return current;
    }

    private static byte[] read(Path file) throws RouteFileException {
        try {
            return Files.isRegularFile(file) ? Files.readAllBytes(file) : null;
        } catch (NoSuchFileException e) {
            return null; // deleted meanwhile
        } catch (IOException e) {
            throw new RouteFileException(0, "cannot read it: " + e);
        }
    }

    private byte[] builtIn(String location) throws RouteFileException {
        try (InputStream in = PluginHelper.getResourceLoader(context).resolveResource(location).getInputStream()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new RouteFileException(0, "cannot read the built-in " + location + ": " + e);
        }
    }

    @Override
    public String name() {
        return "user_routes";
    }

    /** For {@code /status}: the folder, each user file with its routes, each refused file with where and why. */
    @Override
    public Map<String, Object> describe() {
        Map<String, Object> files = new LinkedHashMap<>();
        loaded.forEach((name, routes) -> {
            if (routes.isUserFile()) {
                Map<String, Object> file = new LinkedHashMap<>();
                file.put("routes", routes.routeIds());
                file.put("route_configurations", routes.configurationIds());
                file.put("replaces_built_in", builtIns.contains(name));
                files.put(name, file);
            }
        });
        Map<String, Object> errors = new LinkedHashMap<>();
        refused.forEach((name, refusal) -> {
            Map<String, Object> error = new LinkedHashMap<>();
            error.put("line", refusal.problem().line());
            error.put("error", refusal.problem().getMessage());
            error.put("since", refusal.at().toString());
            errors.put(name, error);
        });
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("folder", settings.userFolder().toString());
        status.put("files", files);
        status.put("errors", errors);
        status.put("disabled", settings.disabled());
        return status;
    }

    /** For the status page: the same, each file on one row. */
    @Override
    public Object snapshot() {
        Map<String, Object> files = new LinkedHashMap<>();
        loaded.forEach((name, routes) -> {
            if (routes.isUserFile()) {
                files.put(name, routes.routeIds().isEmpty() ? "no routes" : String.join(", ", routes.routeIds()));
            }
        });
        Map<String, Object> errors = new LinkedHashMap<>();
        refused.forEach((name, refusal) -> errors.put(name, (refusal.problem().line() > 0
                ? "line " + refusal.problem().line() + ": " : "") + refusal.problem().getMessage()));
        Map<String, Object> snapshot = new LinkedHashMap<>();
        snapshot.put("folder", settings.userFolder().toString());
        snapshot.put("files", files);
        snapshot.put("errors", errors);
        return snapshot;
    }
}
