package io.changegate.rego.value;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.RandomAccess;

/** An immutable Rego set, its elements kept in OPA's sorted order. */
public final class SetValue implements Value {
    public static final SetValue EMPTY = new SetValue(new SortedValues(new Value[0]));

    private final SortedValues elements;
    private int hash;

    private SetValue(SortedValues elements) {
        this.elements = elements;
    }

    static SetValue fromSorted(Value[] sortedUnique) {
        return sortedUnique.length == 0 ? EMPTY : new SetValue(new SortedValues(sortedUnique));
    }

    public static SetValue of(Value... elements) {
        return of(Arrays.asList(elements));
    }

    public static SetValue of(Collection<? extends Value> elements) {
        Value[] a = elements.toArray(new Value[0]);
        if (a.length == 0) {
            return EMPTY;
        }
        Arrays.sort(a, Values::compare);
        int m = 1;
        for (int i = 1; i < a.length; i++) {
            if (!a[i].equals(a[m - 1])) {
                a[m++] = a[i];
            }
        }
        return new SetValue(new SortedValues(m == a.length ? a : Arrays.copyOf(a, m)));
    }

    public static Builder builder() {
        return new Builder();
    }

    public int size() {
        return elements.size();
    }

    public boolean isEmpty() {
        return elements.size() == 0;
    }

    public boolean contains(Value v) {
        return elements.indexOf(v) >= 0;
    }

    public Value get(int i) {
        return elements.array()[i];
    }

    /** A read-only list of the elements in sorted order. */
    public List<Value> asList() {
        Value[] a = elements.array();
        return new SortedList(a);
    }

    public SetValue union(SetValue o) {
        if (o.isEmpty()) {
            return this;
        }
        if (isEmpty()) {
            return o;
        }
        List<Value> all = new ArrayList<>(size() + o.size());
        all.addAll(asList());
        all.addAll(o.asList());
        return of(all);
    }

    public SetValue intersection(SetValue o) {
        List<Value> r = new ArrayList<>();
        for (Value v : elements.array()) {
            if (o.contains(v)) {
                r.add(v);
            }
        }
        return fromSorted(r.toArray(new Value[0]));
    }

    public SetValue difference(SetValue o) {
        List<Value> r = new ArrayList<>();
        for (Value v : elements.array()) {
            if (!o.contains(v)) {
                r.add(v);
            }
        }
        return fromSorted(r.toArray(new Value[0]));
    }

    public SetValue add(Value v) {
        if (contains(v)) {
            return this;
        }
        List<Value> all = new ArrayList<>(asList());
        all.add(v);
        return of(all);
    }

    int compareSet(SetValue o) {
        Value[] a = elements.array();
        Value[] b = o.elements.array();
        int n = Math.min(a.length, b.length);
        for (int i = 0; i < n; i++) {
            int c = Values.compare(a[i], b[i]);
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.length, b.length);
    }

    @Override
    public int kindOrder() {
        return 8;
    }

    @Override
    public String typeName() {
        return "set";
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof SetValue s) || s.size() != size() || s.hashCode() != hashCode()) {
            return false;
        }
        return Arrays.equals(elements.array(), s.elements.array());
    }

    @Override
    public int hashCode() {
        int h = hash;
        if (h == 0) {
            h = Arrays.hashCode(elements.array()) * 31 + 8;
            hash = h == 0 ? 1 : h;
        }
        return hash;
    }

    @Override
    public String toString() {
        return toRego();
    }

    private static final class SortedList extends AbstractList<Value> implements RandomAccess {
        private final Value[] a;

        SortedList(Value[] a) {
            this.a = a;
        }

        @Override
        public Value get(int index) {
            return a[index];
        }

        @Override
        public int size() {
            return a.length;
        }
    }

    /** Collects elements; duplicates are dropped when built. */
    public static final class Builder {
        private final List<Value> items = new ArrayList<>();

        public Builder add(Value v) {
            items.add(v);
            return this;
        }

        public int size() {
            return items.size();
        }

        public SetValue build() {
            return of(items);
        }
    }
}
