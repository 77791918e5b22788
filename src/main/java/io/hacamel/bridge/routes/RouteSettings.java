package io.hacamel.bridge.routes;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Stream;

import io.hacamel.bridge.Settings;

/**
 * The {@code routes.*} settings: the folder of the user's own route files ({@code null}: none), and the built-in
 * routes that are off. An entry of {@code routes.disabled} ending in {@code .camel.yaml} names a built-in file, any
 * other entry a built-in route's id.
 */
public record RouteSettings(Path userFolder, Set<String> disabledFiles, Set<String> disabledRouteIds) {

    static final String SUFFIX = ".camel.yaml";

    public static RouteSettings read(Settings settings, Path home) {
        String folder = settings.get("routes.user-dir");
        Set<String> files = new TreeSet<>();
        Set<String> routeIds = new TreeSet<>();
        for (String entry : settings.get("routes.disabled").split(",")) {
            String name = entry.trim();
            if (name.endsWith(SUFFIX)) {
                files.add(name);
            } else if (!name.isEmpty()) {
                routeIds.add(name);
            }
        }
        Path userFolder = folder.isEmpty() ? null : home.resolve(folder).toAbsolutePath().normalize();
        return new RouteSettings(userFolder, Set.copyOf(files), Set.copyOf(routeIds));
    }

    /** A route file of the user folder: {@code *.camel.yaml}, not hidden (editors' temporary copies are). */
    static boolean isRouteFile(String name) {
        return name.endsWith(SUFFIX) && !name.startsWith(".");
    }

    /** The route files in the user folder now, by name; none when there is no folder. */
    SortedSet<String> userFiles() throws IOException {
        SortedSet<String> names = new TreeSet<>();
        if (userFolder == null || !Files.isDirectory(userFolder)) {
            return names;
        }
        try (Stream<Path> files = Files.list(userFolder)) {
            files.filter(Files::isRegularFile).map(file -> file.getFileName().toString())
                    .filter(RouteSettings::isRouteFile).forEach(names::add);
        }
        return names;
    }

    /** The built-in files that run from the start: those neither disabled nor replaced by a user file. */
    List<String> builtInsAtStart(List<String> builtIns, Set<String> userFiles) {
        return builtIns.stream().filter(name -> !disabledFiles.contains(name) && !userFiles.contains(name)).toList();
    }

    /** Whether this built-in file runs when no user file replaces it. */
    boolean runsBuiltIn(String name, Set<String> builtIns) {
        return builtIns.contains(name) && !disabledFiles.contains(name);
    }

    /** Every entry of {@code routes.disabled}, files first. */
    List<String> disabled() {
        return Stream.concat(disabledFiles.stream().sorted(), disabledRouteIds.stream().sorted()).toList();
    }
}
