package io.changegate.cli;

import io.changegate.rego.Rego;
import io.changegate.rego.RegoException;
import io.changegate.rego.RegoError;
import io.changegate.rego.ast.Module;
import io.changegate.rego.ast.RegoVersion;
import io.changegate.rego.builtins.BuiltinRegistry;
import io.changegate.rego.parser.Parser;
import io.changegate.rego.tooling.StrictCheck;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code changegate check}: parses and compiles Rego files together, reporting errors as {@code opa check} does. */
@Command(name = "check", sortOptions = false,
        description = {"Check Rego source files for parse and compilation errors, as `opa check` does.",
                "Exit code: 0 when every module compiles, 1 when there are errors, 2 on usage errors."})
final class CheckCommand extends CliCommand {
    enum Format { pretty, json }

    @Parameters(paramLabel = "PATH", arity = "1..*", description = "Rego files or directories (walked for .rego files).")
    List<Path> paths = new ArrayList<>();

    @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", defaultValue = "pretty",
            description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Format format = Format.pretty;

    @Option(names = {"-S", "--strict"}, description = "Enable OPA's strict mode: also report unused imports, "
            + "assignments and function arguments, duplicate imports, input/data shadowed, deprecated builtins.")
    boolean strict;

    @Option(names = {"--v0", "--v0-compatible"}, description = "Parse modules as Rego v0.")
    boolean v0;

    @Override
    protected int execute() throws Exception {
        List<Path> files = FmtCommand.regoFiles(paths);
        RegoVersion version = v0 ? RegoVersion.V0 : RegoVersion.V1;
        Rego.Builder builder = Rego.builder().regoVersion(version);
        Map<String, String> sources = new HashMap<>();
        List<Module> modules = new ArrayList<>();
        List<RegoError> parseErrors = new ArrayList<>();
        for (Path f : files) {
            String src = FmtCommand.read(f);
            sources.put(f.toString(), src);
            builder.module(f.toString(), src);
            if (strict) {
                try {
                    modules.add(Parser.parseModule(f.toString(), src, version));
                } catch (RegoException e) {
                    parseErrors.addAll(e.errors());
                }
            }
        }
        if (!parseErrors.isEmpty()) {
            return report(parseErrors, sources);
        }
        if (strict) {
            // OPA's strict stages run among its compiler's: those before type checking first.
            List<RegoError> early = StrictCheck.beforeCompile(modules);
            if (!early.isEmpty()) {
                return report(early, sources);
            }
        }
        try {
            builder.prepare("true");
        } catch (RegoException e) {
            return report(e.errors(), sources);
        }
        if (strict) {
            List<RegoError> deprecated = StrictCheck.afterCompile(modules, BuiltinRegistry.standard());
            if (!deprecated.isEmpty()) {
                return report(deprecated, sources);
            }
        }
        return 0;
    }

    private int report(List<RegoError> errors, Map<String, String> sources) {
        if (format == Format.json) {
            out().print(OpaOutput.errorsJson(errors));
        } else {
            err().print(OpaErrors.text(errors, sources));
        }
        return 1;
    }
}
