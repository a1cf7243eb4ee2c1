package io.changegate.rego.value;

/** A Rego string, ordered by Unicode code point (the same as Go's byte-wise UTF-8 order). */
public final class StringValue implements Value {
    public static final StringValue EMPTY = new StringValue("");

    private final String value;
    private int hash;

    private StringValue(String value) {
        this.value = value;
    }

    public static StringValue of(String s) {
        return s.isEmpty() ? EMPTY : new StringValue(s);
    }

    public String value() {
        return value;
    }

    int compareString(StringValue o) {
        return compareCodePoints(value, o.value);
    }

    /** Compares two Java strings by code point, as Go compares their UTF-8 bytes. */
    public static int compareCodePoints(String a, String b) {
        int n = Math.min(a.length(), b.length());
        for (int i = 0; i < n; i++) {
            char x = a.charAt(i);
            char y = b.charAt(i);
            if (x != y) {
                // Surrogates (U+D800..U+DFFF) encode code points above U+FFFF, which sort after
                // every BMP character, including U+E000..U+FFFF that UTF-16 puts above them.
                boolean sx = Character.isSurrogate(x);
                boolean sy = Character.isSurrogate(y);
                if (sx != sy) {
                    return sx ? 1 : -1;
                }
                return x - y;
            }
        }
        return a.length() - b.length();
    }

    @Override
    public int kindOrder() {
        return 3;
    }

    @Override
    public String typeName() {
        return "string";
    }

    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof StringValue s && value.equals(s.value));
    }

    @Override
    public int hashCode() {
        int h = hash;
        if (h == 0) {
            h = value.hashCode() * 31 + 3;
            hash = h;
        }
        return h;
    }

    @Override
    public String toString() {
        return Json.quote(value);
    }
}
