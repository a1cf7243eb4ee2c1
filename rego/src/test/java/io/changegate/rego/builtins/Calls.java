package io.changegate.rego.builtins;

import io.changegate.rego.value.Json;
import io.changegate.rego.value.Value;
import java.util.ArrayList;
import java.util.List;

/** Calls standard builtins from tests with JSON-written arguments. */
final class Calls {
    private Calls() {
    }

    static Value v(String json) {
        return Json.parse(json);
    }

    /** Calls {@code name} with arguments written as JSON; returns null when undefined. */
    static Value call(String name, String... jsonArgs) throws BuiltinException {
        Value[] args = new Value[jsonArgs.length];
        for (int i = 0; i < args.length; i++) {
            args[i] = v(jsonArgs[i]);
        }
        return call(name, args);
    }

    static Value call(String name, Value... args) throws BuiltinException {
        Builtin b = BuiltinRegistry.standard().get(name);
        if (b == null) {
            throw new AssertionError("no builtin " + name);
        }
        return b.call(new TestContext(true), args);
    }

    static List<Value> iterate(String name, Value... args) throws BuiltinException {
        List<Value> out = new ArrayList<>();
        BuiltinRegistry.standard().get(name).iterate(new TestContext(true), args, out::add);
        return out;
    }

    /** The JSON text of a call's result, or "undefined". */
    static String json(String name, String... jsonArgs) throws BuiltinException {
        Value v = call(name, jsonArgs);
        return v == null ? "undefined" : v.toJson();
    }
}
