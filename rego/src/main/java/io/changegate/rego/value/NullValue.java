package io.changegate.rego.value;

/** The JSON and Rego {@code null}. */
public final class NullValue implements Value {
    public static final NullValue INSTANCE = new NullValue();

    private NullValue() {
    }

    @Override
    public int kindOrder() {
        return 0;
    }

    @Override
    public String typeName() {
        return "null";
    }

    @Override
    public boolean equals(Object o) {
        return o == this;
    }

    @Override
    public int hashCode() {
        return 0x9e3779b9;
    }

    @Override
    public String toString() {
        return "null";
    }
}
