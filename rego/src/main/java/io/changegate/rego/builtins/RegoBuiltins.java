package io.changegate.rego.builtins;

import static io.changegate.rego.builtins.Builtins.fn;
import static io.changegate.rego.builtins.Type.ANY;
import static io.changegate.rego.builtins.Type.STRING;
import static io.changegate.rego.builtins.Type.objectOf;

import io.changegate.rego.RegoError;
import io.changegate.rego.RegoException;
import io.changegate.rego.ast.AstJson;
import io.changegate.rego.ast.Module;
import io.changegate.rego.ast.RegoVersion;
import io.changegate.rego.parser.Parser;
import io.changegate.rego.value.StringValue;
import io.changegate.rego.value.Value;
import java.util.List;

/** {@code rego.parse_module}: a module's AST in the JSON form OPA gives it (without locations). */
final class RegoBuiltins {
    private RegoBuiltins() {
    }

    static final List<Builtin> ALL = List.of(
            fn("rego.parse_module", List.of(STRING, STRING), objectOf(STRING, ANY), (ctx, a) -> {
                String fn = "rego.parse_module";
                String file = Operands.string(fn, a, 1);
                if (!(a[1] instanceof StringValue source)) {
                    throw Operands.mustBe(fn, 1, "string", a[1]);
                }
                if (source.value().isBlank() || onlyComments(source.value())) {
                    throw BuiltinException.error(fn + ": " + file + ":0: rego_parse_error: empty module");
                }
                try {
                    return module(Parser.parseModule(file, source.value(), RegoVersion.V1));
                } catch (RegoException e) {
                    throw BuiltinException.error(fn + ": " + render(e.errors(), source.value()));
                }
            }));

    private static boolean onlyComments(String s) {
        return s.lines().allMatch(l -> l.isBlank() || l.strip().startsWith("#"));
    }

    /** OPA's rendering of parse errors: a count, each error, and the offending line with a caret. */
    private static String render(List<RegoError> errors, String source) {
        List<String> lines = source.lines().toList();
        StringBuilder sb = new StringBuilder();
        sb.append(errors.size()).append(errors.size() == 1 ? " error occurred: " : " errors occurred:");
        for (RegoError e : errors) {
            if (errors.size() > 1) {
                sb.append('\n');
            }
            sb.append(e);
            if (e.location() != null && e.location().row() >= 1 && e.location().row() <= lines.size()) {
                String line = lines.get(e.location().row() - 1);
                sb.append("\n\t").append(line).append("\n\t").append(" ".repeat(Math.max(0, e.location().col() - 1))).append('^');
            }
        }
        return sb.toString();
    }

    static Value module(Module m) {
        return AstJson.module(m);
    }
}
