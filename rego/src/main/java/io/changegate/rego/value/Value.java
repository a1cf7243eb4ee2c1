package io.changegate.rego.value;

/**
 * A ground Rego value: null, boolean, number, string, array, object or set.
 *
 * <p>Values are immutable, hash their contents once, and are totally ordered as OPA orders
 * them: null &lt; booleans &lt; numbers &lt; strings &lt; arrays &lt; objects &lt; sets.
 * "Undefined" is not a value: code that may produce no value returns {@code null} or does not
 * call its continuation.
 */
public sealed interface Value extends Comparable<Value>
        permits NullValue, BooleanValue, NumberValue, StringValue, ArrayValue, ObjectValue, SetValue {

    /** The position of this value's kind in OPA's total order. */
    int kindOrder();

    /** The Rego type name, as {@code type_name} returns it. */
    String typeName();

    @Override
    default int compareTo(Value other) {
        return Values.compare(this, other);
    }

    /** Serialises this value as compact JSON (objects with sorted keys, sets as arrays). */
    default String toJson() {
        return Json.write(this);
    }

    /** Renders this value as a Rego term, e.g. {@code {"a", 1}} for a set. */
    default String toRego() {
        return RegoText.write(this);
    }
}
