package io.changegate.rego.value;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.List;
import java.util.RandomAccess;

/** An immutable Rego array. */
public final class ArrayValue implements Value {
    public static final ArrayValue EMPTY = new ArrayValue(new Value[0]);

    private final Value[] elements;
    private int hash;

    private ArrayValue(Value[] elements) {
        this.elements = elements;
    }

    /** Wraps the given array without copying; the caller must not modify it afterwards. */
    public static ArrayValue wrap(Value[] elements) {
        return elements.length == 0 ? EMPTY : new ArrayValue(elements);
    }

    public static ArrayValue of(Value... elements) {
        return wrap(elements.clone());
    }

    public static ArrayValue of(List<? extends Value> elements) {
        return wrap(elements.toArray(new Value[0]));
    }

    public int size() {
        return elements.length;
    }

    public Value get(int i) {
        return elements[i];
    }

    /** The element at a numeric index, or {@code null} when the index is not a valid position. */
    public Value get(Value index) {
        if (index instanceof NumberValue n && n.isLong()) {
            long i = n.longValue();
            if (i >= 0 && i < elements.length) {
                return elements[(int) i];
            }
        }
        return null;
    }

    /** A read-only list view of the elements. */
    public List<Value> asList() {
        return new ElementList();
    }

    /** A copy of the elements. */
    public Value[] toArray() {
        return elements.clone();
    }

    public ArrayValue slice(int from, int to) {
        return wrap(Arrays.copyOfRange(elements, from, to));
    }

    public ArrayValue append(Value v) {
        Value[] a = Arrays.copyOf(elements, elements.length + 1);
        a[elements.length] = v;
        return new ArrayValue(a);
    }

    int compareArray(ArrayValue o) {
        int n = Math.min(elements.length, o.elements.length);
        for (int i = 0; i < n; i++) {
            int c = Values.compare(elements[i], o.elements[i]);
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(elements.length, o.elements.length);
    }

    @Override
    public int kindOrder() {
        return 6;
    }

    @Override
    public String typeName() {
        return "array";
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof ArrayValue a) || a.elements.length != elements.length || a.hashCode() != hashCode()) {
            return false;
        }
        return Arrays.equals(elements, a.elements);
    }

    @Override
    public int hashCode() {
        int h = hash;
        if (h == 0) {
            h = Arrays.hashCode(elements) * 31 + 6;
            hash = h == 0 ? 1 : h;
        }
        return hash;
    }

    @Override
    public String toString() {
        return toJson();
    }

    private final class ElementList extends AbstractList<Value> implements RandomAccess {
        @Override
        public Value get(int index) {
            return elements[index];
        }

        @Override
        public int size() {
            return elements.length;
        }
    }
}
