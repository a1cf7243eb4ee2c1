package io.changegate.cli;

import io.changegate.rego.EvalOptions;
import io.changegate.rego.PreparedQuery;
import io.changegate.rego.QueryResult;
import io.changegate.rego.Rego;
import io.changegate.rego.RegoException;
import io.changegate.rego.ast.RegoVersion;
import io.changegate.rego.value.Value;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code changegate eval}: evaluates a Rego query as {@code opa eval} does, with the same output. */
@Command(name = "eval", sortOptions = false,
        description = {"Evaluate a Rego query, printing the result as `opa eval` does.",
                "Exit code: 0 on success (also when undefined), 1 on errors or when --fail/--fail-defined trigger."})
final class EvalCommand extends CliCommand {
    enum Format { json, pretty, raw }

    @Option(names = {"-d", "--data"}, paramLabel = "PATH",
            description = "Policy or data file, or a directory walked for .rego and .json/.yaml data files (repeatable).")
    List<Path> data = new ArrayList<>();

    @Option(names = {"-i", "--input"}, paramLabel = "FILE", description = "The input document (JSON, or YAML by extension).")
    Path input;

    @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", defaultValue = "json",
            description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Format format = Format.json;

    @Option(names = "--v0", description = "Parse modules as Rego v0 (keywords only through imports).")
    boolean v0;

    @Option(names = "--strict-builtin-errors", description = "Treat the first builtin error as fatal.")
    boolean strictBuiltinErrors;

    @Option(names = "--fail", description = "Exit 1 when the result is undefined.")
    boolean fail;

    @Option(names = "--fail-defined", description = "Exit 1 when the result is defined.")
    boolean failDefined;

    @Parameters(paramLabel = "QUERY", description = "The query, for example 'data.example.deny'.")
    String query;

    @Override
    protected int execute() throws Exception {
        PolicyFiles.Loaded loaded = PolicyFiles.load(data);
        Value inputValue = input == null ? null : PolicyFiles.readDocument(input);
        Rego.Builder builder = Rego.builder().regoVersion(v0 ? RegoVersion.V0 : RegoVersion.V1).data(loaded.data());
        for (Rego.SourceFile m : loaded.modules()) {
            builder.module(m.file(), m.source());
        }
        List<QueryResult> results;
        try {
            PreparedQuery prepared = builder.prepare(query);
            EvalOptions options = EvalOptions.DEFAULT.withStrictBuiltinErrors(strictBuiltinErrors)
                    .withPrint(line -> err().println(line));
            results = prepared.eval(inputValue, options);
        } catch (RegoException e) {
            if (e.errors().isEmpty()) {
                throw new CliException("changegate: " + e.getMessage());
            }
            OpaOutput.printErrors(e.errors(), format.name(), out(), err());
            return 1;
        }
        out().print(switch (format) {
            case json -> OpaOutput.json(results);
            case pretty -> OpaOutput.pretty(results);
            case raw -> OpaOutput.raw(results);
        });
        if (fail && results.isEmpty() || failDefined && !results.isEmpty()) {
            return 1;
        }
        return 0;
    }
}
