package io.hacamel.bridge.homeassistant;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * component/pom.xml packages the component from the bridge's sources by a list of includes: everything of the bridge
 * that the component and its client use must be in that list, or the component's jar would not compile.
 */
class ComponentStandsAloneTest {

    private static final Pattern INCLUDE = Pattern.compile("<include>([^<]+)</include>");
    private static final Pattern BRIDGE_IMPORT = Pattern.compile("^import (?:static )?(io\\.hacamel\\.bridge\\.[\\w.]+);",
            Pattern.MULTILINE);

    @Test
    void theComponentUsesNothingOfTheBridgeThatItsModuleLeavesOut() throws IOException {
        List<String> includes = INCLUDE.matcher(Files.readString(Path.of("component/pom.xml"))).results()
                .map(include -> include.group(1)).toList();
        List<Path> sources;
        try (Stream<Path> main = Files.walk(Path.of("src/main/java/io/hacamel/bridge"));
             Stream<Path> generated = Files.walk(Path.of("src/generated/java"))) {
            sources = Stream.concat(main, generated).filter(file -> file.toString().endsWith(".java"))
                    .filter(file -> included(includes, sourcePath(file))).toList();
        }
        assertThat(sources).as("the module's sources").isNotEmpty();
        for (Path source : sources) {
            Matcher imports = BRIDGE_IMPORT.matcher(Files.readString(source));
            while (imports.find()) {
                String imported = imports.group(1).replace('.', '/') + ".java";
                assertThat(included(includes, imported)).as("%s imports %s, which component/pom.xml leaves out",
                        source, imports.group(1)).isTrue();
            }
        }
    }

    /** The path below the source root, as the compiler's includes see it. */
    private static String sourcePath(Path file) {
        String path = file.toString().replace('\\', '/');
        return path.substring(path.indexOf("io/hacamel/"));
    }

    private static boolean included(List<String> includes, String path) {
        return includes.stream().anyMatch(include -> include.endsWith("/**")
                ? path.startsWith(include.substring(0, include.length() - 2)) : path.equals(include));
    }
}
