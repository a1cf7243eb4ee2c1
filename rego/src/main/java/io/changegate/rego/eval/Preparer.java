package io.changegate.rego.eval;

import io.changegate.rego.PreparedQuery;
import io.changegate.rego.Rego;
import io.changegate.rego.RegoError;
import io.changegate.rego.RegoException;

/** Parses and compiles modules and a query into a {@link PreparedQuery}. */
public final class Preparer {
    private Preparer() {
    }

    public static PreparedQuery prepare(Rego.Builder builder, String query) throws RegoException {
        throw new RegoException(new RegoError("rego_compile_error", "the compiler is not built yet", null));
    }
}
