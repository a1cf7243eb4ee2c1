package io.changegate.cli;

import io.changegate.rego.Rego;
import io.changegate.rego.RegoException;
import io.changegate.rego.ast.RegoVersion;
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

    @Option(names = {"-S", "--strict"}, description = "Also report unused variables and imports (not supported yet: exits 2).")
    boolean strict;

    @Option(names = {"--v0", "--v0-compatible"}, description = "Parse modules as Rego v0.")
    boolean v0;

    @Override
    protected int execute() throws Exception {
        if (strict) {
            throw new CliException("changegate: --strict is not supported yet: the compiler has no strict-mode checks", 2);
        }
        List<Path> files = FmtCommand.regoFiles(paths);
        Rego.Builder builder = Rego.builder().regoVersion(v0 ? RegoVersion.V0 : RegoVersion.V1);
        Map<String, String> sources = new HashMap<>();
        for (Path f : files) {
            String src = FmtCommand.read(f);
            sources.put(f.toString(), src);
            builder.module(f.toString(), src);
        }
        try {
            builder.prepare("true");
        } catch (RegoException e) {
            if (format == Format.json) {
                out().print(OpaOutput.errorsJson(e.errors()));
            } else {
                err().print(OpaErrors.text(e.errors(), sources));
            }
            return 1;
        }
        return 0;
    }
}
