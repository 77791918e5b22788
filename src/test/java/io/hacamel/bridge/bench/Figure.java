package io.hacamel.bridge.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** One figure measured several times: its runs, median and spread (min to max). */
final class Figure {

    private final String unit;
    private final List<Double> runs = new ArrayList<>();

    Figure(String unit) {
        this.unit = unit;
    }

    void add(double value) {
        if (!Double.isNaN(value)) {
            runs.add(value);
        }
    }

    List<Double> runs() {
        return runs;
    }

    String unit() {
        return unit;
    }

    double median() {
        if (runs.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = new ArrayList<>(runs);
        sorted.sort(null);
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }

    double min() {
        return runs.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
    }

    double max() {
        return runs.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    }

    /** "12.3 ms (11.9–13.0, 2 runs)". */
    String describe() {
        if (runs.isEmpty()) {
            return "not measured";
        }
        String spread = runs.size() == 1 ? "1 run" : format(min()) + "–" + format(max()) + ", " + runs.size() + " runs";
        return format(median()) + (unit.isEmpty() ? "" : " " + unit) + " (" + spread + ")";
    }

    static String format(double value) {
        if (Double.isNaN(value)) {
            return "–";
        }
        double magnitude = Math.abs(value);
        if (magnitude >= 100) {
            return String.format(Locale.ROOT, "%,.0f", value);
        }
        if (magnitude >= 10) {
            return String.format(Locale.ROOT, "%.1f", value);
        }
        return String.format(Locale.ROOT, "%.2f", value);
    }
}
