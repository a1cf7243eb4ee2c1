package io.changegate.rego.value;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/** Lookup in a sorted, duplicate-free array of values: binary search when small, a hash index when large. */
final class SortedValues {
    private static final int HASH_THRESHOLD = 12;

    private final Value[] sorted;
    private volatile Map<Value, Integer> index;

    SortedValues(Value[] sorted) {
        this.sorted = sorted;
    }

    Value[] array() {
        return sorted;
    }

    int size() {
        return sorted.length;
    }

    /** The position of {@code v}, or a negative number when absent. */
    int indexOf(Value v) {
        if (sorted.length < HASH_THRESHOLD) {
            return binarySearch(v);
        }
        Map<Value, Integer> m = index;
        if (m == null) {
            m = new HashMap<>(sorted.length * 2);
            for (int i = 0; i < sorted.length; i++) {
                m.put(sorted[i], i);
            }
            index = m;
        }
        Integer i = m.get(v);
        return i == null ? -1 : i;
    }

    private int binarySearch(Value v) {
        if (v instanceof StringValue s) {
            // The common case, object keys that are strings: avoid the generic comparison.
            int lo = 0;
            int hi = sorted.length - 1;
            while (lo <= hi) {
                int mid = (lo + hi) >>> 1;
                Value m = sorted[mid];
                int c = m instanceof StringValue ms ? ms.compareString(s) : Integer.compare(m.kindOrder(), 3);
                if (c < 0) {
                    lo = mid + 1;
                } else if (c > 0) {
                    hi = mid - 1;
                } else {
                    return mid;
                }
            }
            return -1;
        }
        int i = Arrays.binarySearch(sorted, v, Values::compare);
        return i < 0 ? -1 : i;
    }
}
