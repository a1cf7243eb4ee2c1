package io.changegate.rego.value;

/** OPA's total order over values, and small helpers shared by the value classes. */
public final class Values {
    private Values() {
    }

    /** Compares two values in OPA's order: by kind first, then by content. */
    public static int compare(Value a, Value b) {
        if (a == b) {
            return 0;
        }
        int ka = a.kindOrder();
        int kb = b.kindOrder();
        if (ka != kb) {
            return Integer.compare(ka, kb);
        }
        return switch (a) {
            case NullValue n -> 0;
            case BooleanValue x -> Boolean.compare(x.value(), ((BooleanValue) b).value());
            case NumberValue x -> x.compareNumber((NumberValue) b);
            case StringValue x -> x.compareString((StringValue) b);
            case ArrayValue x -> x.compareArray((ArrayValue) b);
            case ObjectValue x -> x.compareObject((ObjectValue) b);
            case SetValue x -> x.compareSet((SetValue) b);
        };
    }

    public static StringValue string(String s) {
        return StringValue.of(s);
    }

    public static NumberValue number(long n) {
        return NumberValue.of(n);
    }

    public static BooleanValue bool(boolean b) {
        return BooleanValue.of(b);
    }
}
