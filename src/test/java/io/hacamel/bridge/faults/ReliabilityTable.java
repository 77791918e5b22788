package io.hacamel.bridge.faults;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Puts the rows the fault tests of the last run wrote ({@code target/reliability/*.md}) into docs/reliability.md,
 * between its table markers. Run after {@code mvn -B verify -Dgroups=fault-injection}:
 * {@code java -cp target/test-classes io.hacamel.bridge.faults.ReliabilityTable}.
 */
public final class ReliabilityTable {

    static final String BEGIN = "<!-- fault-table:begin -->";
    static final String END = "<!-- fault-table:end -->";
    static final String HEADER = "| fault | what the bridge did | time to recover | final states lost | changes coalesced "
            + "| duplicate executions |\n| --- | --- | --- | --- | --- | --- |\n";

    private ReliabilityTable() {
    }

    public static void main(String... args) throws IOException {
        Path document = Path.of(args.length > 0 ? args[0] : "docs/reliability.md");
        List<Path> rows;
        try (Stream<Path> files = Files.list(ReliabilityRow.DIRECTORY)) {
            rows = files.filter(p -> p.toString().endsWith(".md")).sorted().toList();
        }
        StringBuilder table = new StringBuilder(HEADER);
        for (Path row : rows) {
            table.append(Files.readString(row));
        }
        String text = Files.readString(document);
        int begin = text.indexOf(BEGIN);
        int end = text.indexOf(END);
        if (begin < 0 || end < begin) {
            throw new IllegalStateException(document + " has no " + BEGIN + " … " + END + " markers");
        }
        Files.writeString(document, text.substring(0, begin + BEGIN.length()) + "\n" + table + text.substring(end));
        System.out.println(rows.size() + " rows written to " + document);
    }
}
