package io.changegate.evidence.model;

import java.util.Collection;
import java.util.function.Function;

/** Counts of items by normalised severity. */
public record SeverityCounts(int total, int critical, int high, int medium, int low, int unknown) {
    public static final SeverityCounts NONE = new SeverityCounts(0, 0, 0, 0, 0, 0);

    public static <T> SeverityCounts of(Collection<T> items, Function<T, Severity> severity) {
        int[] counts = new int[Severity.values().length];
        for (T item : items) {
            Severity s = severity.apply(item);
            counts[(s == null ? Severity.UNKNOWN : s).ordinal()]++;
        }
        return new SeverityCounts(items.size(), counts[0], counts[1], counts[2], counts[3], counts[4]);
    }

    public int count(Severity severity) {
        return switch (severity) {
            case CRITICAL -> critical;
            case HIGH -> high;
            case MEDIUM -> medium;
            case LOW -> low;
            case UNKNOWN -> unknown;
        };
    }
}
