package io.changegate.constraints;

import io.changegate.rego.builtins.Builtin;
import io.changegate.rego.builtins.BuiltinContext;
import io.changegate.rego.builtins.BuiltinDecl;
import io.changegate.rego.builtins.Type;
import io.changegate.rego.value.ArrayValue;
import io.changegate.rego.value.NumberValue;
import io.changegate.rego.value.ObjectValue;
import io.changegate.rego.value.StringValue;
import io.changegate.rego.value.Value;
import java.util.ArrayList;
import java.util.List;

/**
 * Gatekeeper's {@code external_data({"provider": p, "keys": [...]})} builtin while no provider exists:
 * it answers in Gatekeeper's response shape with every key in {@code errors} and a
 * {@code system_error} saying the provider is not available, so policies that check for errors
 * deny clearly instead of failing silently.
 */
final class ExternalDataBuiltin implements Builtin {
    private static final BuiltinDecl DECL = new BuiltinDecl("external_data",
            List.of(Type.objectOf(Type.ANY, Type.ANY)), Type.objectOf(Type.ANY, Type.ANY), true,
            List.of("gatekeeper"));

    @Override
    public BuiltinDecl decl() {
        return DECL;
    }

    @Override
    public Value call(BuiltinContext ctx, Value[] args) {
        String provider = Fields.string(args[0], "provider");
        String reason = "external data provider \"" + provider
                + "\" is not available: Changegate has no external data providers configured";
        List<Value> errors = new ArrayList<>();
        for (Value key : Fields.list(args[0], "keys")) {
            errors.add(ArrayValue.of(key, StringValue.of(reason)));
        }
        return ObjectValue.of("responses", ArrayValue.EMPTY, "errors", ArrayValue.of(errors),
                "status_code", NumberValue.of(503), "system_error", StringValue.of(reason));
    }
}
