package io.hacamel.bridge.observability;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The metric names docs/metrics.md lists and docs/alerts.yml uses, for tests that hold the two to the bridge. */
final class DocumentedMetrics {

    private static final Pattern LISTED = Pattern.compile("^\\| `((?:habridge|cache)_[a-z_]+)(\\{[a-z_,]*})?` \\|",
            Pattern.MULTILINE);
    private static final Pattern USED = Pattern.compile("\\b(habridge_[a-z_]+)");

    private DocumentedMetrics() {
    }

    /** The names in the tables of docs/metrics.md, without their labels. */
    static Set<String> listed() throws IOException {
        return matches(LISTED, Files.readString(Path.of("docs", "metrics.md")));
    }

    /** The bridge's metric names the expressions in docs/alerts.yml use, histogram suffixes and all. */
    static Set<String> usedByAlerts() throws IOException {
        return matches(USED, Files.readString(Path.of("docs", "alerts.yml")));
    }

    /** A documented name stands for its samples: itself, or for a histogram its _bucket, _count and _sum. */
    static String family(String sampleName) {
        return sampleName.replaceFirst("_(bucket|count|sum)$", "");
    }

    private static Set<String> matches(Pattern pattern, String text) {
        Set<String> names = new TreeSet<>();
        Matcher matcher = pattern.matcher(text);
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }
}
