package io.hacamel.bridge.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Everything a benchmark measured: the figures (each over several runs), the steps behind them, the machine. */
final class Results {

    final Map<String, Object> machine = new LinkedHashMap<>();
    final Map<String, Figure> figures = new LinkedHashMap<>();
    final Map<String, String> labels = new LinkedHashMap<>();
    final List<Map<String, Object>> steps = new ArrayList<>();
    final List<Double> loadAverages = new ArrayList<>();
    final List<String> notes = new ArrayList<>();

    Figure figure(String id, String label, String unit) {
        labels.putIfAbsent(id, label);
        return figures.computeIfAbsent(id, key -> new Figure(unit));
    }

    /** The runs of a figure so far; none when it was not measured. */
    List<Double> runs(String id) {
        Figure figure = figures.get(id);
        return figure == null ? List.of() : figure.runs();
    }

    void step(String scenario, int run, Map<String, Object> details) {
        Map<String, Object> step = new LinkedHashMap<>();
        step.put("scenario", scenario);
        step.put("run", run);
        step.putAll(details);
        steps.add(step);
    }
}
