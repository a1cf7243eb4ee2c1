package io.changegate.rego.value;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/** An immutable Rego object; keys may be any value and are kept in OPA's sorted order. */
public final class ObjectValue implements Value {
    public static final ObjectValue EMPTY = new ObjectValue(new SortedValues(new Value[0]), new Value[0]);

    private final SortedValues keys;
    private final Value[] values;
    private int hash;

    private ObjectValue(SortedValues keys, Value[] values) {
        this.keys = keys;
        this.values = values;
    }

    public static Builder builder() {
        return new Builder(8);
    }

    public static Builder builder(int expectedSize) {
        return new Builder(expectedSize);
    }

    public static ObjectValue of(Map<? extends Value, ? extends Value> entries) {
        Builder b = new Builder(entries.size());
        entries.forEach(b::put);
        return b.build();
    }

    /** An object with string keys, from alternating key and value arguments. */
    public static ObjectValue of(Object... keysAndValues) {
        Builder b = new Builder(keysAndValues.length / 2);
        for (int i = 0; i < keysAndValues.length; i += 2) {
            Object k = keysAndValues[i];
            b.put(k instanceof Value kv ? kv : StringValue.of(k.toString()), (Value) keysAndValues[i + 1]);
        }
        return b.build();
    }

    public int size() {
        return values.length;
    }

    public boolean isEmpty() {
        return values.length == 0;
    }

    /** The value under {@code key}, or {@code null} when absent. */
    public Value get(Value key) {
        int i = keys.indexOf(key);
        return i < 0 ? null : values[i];
    }

    /** The value under a string key, or {@code null} when absent. */
    public Value get(String key) {
        return get(StringValue.of(key));
    }

    public boolean containsKey(Value key) {
        return keys.indexOf(key) >= 0;
    }

    /** The i-th key in sorted order. */
    public Value keyAt(int i) {
        return keys.array()[i];
    }

    /** The value of the i-th key in sorted order. */
    public Value valueAt(int i) {
        return values[i];
    }

    public void forEach(BiConsumer<Value, Value> action) {
        Value[] k = keys.array();
        for (int i = 0; i < values.length; i++) {
            action.accept(k[i], values[i]);
        }
    }

    /** The keys as a set. */
    public SetValue keySet() {
        return SetValue.fromSorted(keys.array());
    }

    /** This object with {@code key} set to {@code value}. */
    public ObjectValue with(Value key, Value value) {
        Builder b = toBuilder();
        b.put(key, value);
        return b.build();
    }

    /** This object without {@code key}. */
    public ObjectValue without(Value key) {
        int i = keys.indexOf(key);
        if (i < 0) {
            return this;
        }
        Value[] k = keys.array();
        Value[] nk = new Value[values.length - 1];
        Value[] nv = new Value[values.length - 1];
        System.arraycopy(k, 0, nk, 0, i);
        System.arraycopy(k, i + 1, nk, i, nk.length - i);
        System.arraycopy(values, 0, nv, 0, i);
        System.arraycopy(values, i + 1, nv, i, nv.length - i);
        return new ObjectValue(new SortedValues(nk), nv);
    }

    public Builder toBuilder() {
        Builder b = new Builder(values.length + 4);
        forEach(b::put);
        return b;
    }

    int compareObject(ObjectValue o) {
        Value[] ka = keys.array();
        Value[] kb = o.keys.array();
        int n = Math.min(ka.length, kb.length);
        for (int i = 0; i < n; i++) {
            int c = Values.compare(ka[i], kb[i]);
            if (c != 0) {
                return c;
            }
            c = Values.compare(values[i], o.values[i]);
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(ka.length, kb.length);
    }

    @Override
    public int kindOrder() {
        return 7;
    }

    @Override
    public String typeName() {
        return "object";
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof ObjectValue ov) || ov.values.length != values.length || ov.hashCode() != hashCode()) {
            return false;
        }
        return Arrays.equals(keys.array(), ov.keys.array()) && Arrays.equals(values, ov.values);
    }

    @Override
    public int hashCode() {
        int h = hash;
        if (h == 0) {
            h = Arrays.hashCode(keys.array()) * 31 + Arrays.hashCode(values) + 7;
            hash = h == 0 ? 1 : h;
        }
        return hash;
    }

    @Override
    public String toString() {
        return toJson();
    }

    /** Collects entries; a later {@link #put} of an existing key replaces its value. */
    public static final class Builder {
        private final List<Value> ks;
        private final List<Value> vs;

        private Builder(int expected) {
            ks = new ArrayList<>(expected);
            vs = new ArrayList<>(expected);
        }

        public Builder put(Value key, Value value) {
            ks.add(key);
            vs.add(value);
            return this;
        }

        public Builder put(String key, Value value) {
            return put(StringValue.of(key), value);
        }

        public int size() {
            return ks.size();
        }

        public ObjectValue build() {
            int n = ks.size();
            if (n == 0) {
                return EMPTY;
            }
            Integer[] order = new Integer[n];
            for (int i = 0; i < n; i++) {
                order[i] = i;
            }
            // Stable sort by key, so that among equal keys the last one put comes last and wins.
            Arrays.sort(order, (a, b) -> Values.compare(ks.get(a), ks.get(b)));
            Value[] k = new Value[n];
            Value[] v = new Value[n];
            int m = 0;
            for (int i = 0; i < n; i++) {
                int idx = order[i];
                if (m > 0 && k[m - 1].equals(ks.get(idx))) {
                    v[m - 1] = vs.get(idx);
                } else {
                    k[m] = ks.get(idx);
                    v[m] = vs.get(idx);
                    m++;
                }
            }
            if (m < n) {
                k = Arrays.copyOf(k, m);
                v = Arrays.copyOf(v, m);
            }
            return new ObjectValue(new SortedValues(k), v);
        }
    }
}
