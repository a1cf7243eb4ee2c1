package io.changegate.cli;

import io.changegate.rego.RegoException;
import io.changegate.rego.parser.RegoFormatter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code changegate fmt}: formats Rego source files canonically, as {@code opa fmt} does. */
@Command(name = "fmt", sortOptions = false,
        description = {"Format Rego source files in the canonical layout of `opa fmt`.",
                "Without options the formatted source is printed; directories are walked for .rego files.",
                "Exit code: 0 on success, 1 with --fail when a file needed formatting, 2 when a file does not parse."})
final class FmtCommand extends CliCommand {
    static final class Mode {
        @Option(names = {"-d", "--diff"}, description = "Print a unified diff between each file and its formatted form.")
        boolean diff;

        @Option(names = {"-l", "--list"}, description = "List the files whose formatting differs from the canonical one.")
        boolean list;

        @Option(names = {"-w", "--write"}, description = "Overwrite each file with its formatted form.")
        boolean write;
    }

    @ArgGroup(exclusive = true)
    Mode mode = new Mode();

    @Option(names = "--rego-v1", description = "Read Rego v0 and write Rego v1 that also reads as v0 (adds `import rego.v1`).")
    boolean regoV1;

    @Option(names = "--fail", description = "Exit 1 when a file's formatting differs from the canonical one.")
    boolean fail;

    @Parameters(paramLabel = "PATH", arity = "1..*", description = "Rego files or directories.")
    List<Path> paths = new ArrayList<>();

    @Override
    protected int execute() throws Exception {
        List<Path> files = regoFiles(paths);
        boolean changed = false;
        int status = 0;
        for (Path f : files) {
            String source = read(f);
            String formatted;
            try {
                formatted = RegoFormatter.format(f.toString(), source,
                        regoV1 ? RegoFormatter.Mode.V0_TO_V1 : RegoFormatter.Mode.V1);
            } catch (RegoException e) {
                err().print(OpaErrors.text(e.errors(), Map.of(f.toString(), source)));
                status = 2;
                continue;
            }
            boolean differs = !formatted.equals(source);
            changed |= differs;
            if (mode.list) {
                if (differs) {
                    out().println(f);
                }
            } else if (mode.diff) {
                if (differs) {
                    out().print(UnifiedDiff.of(f + ".orig", f.toString(), source, formatted));
                }
            } else if (mode.write) {
                if (differs) {
                    Files.writeString(f, formatted, StandardCharsets.UTF_8);
                }
            } else {
                out().print(formatted);
            }
        }
        if (status != 0) {
            return status;
        }
        return fail && changed ? 1 : 0;
    }

    /** The .rego files named or found under directories, in path order. */
    static List<Path> regoFiles(List<Path> paths) throws IOException, CliException {
        List<Path> files = new ArrayList<>();
        for (Path p : paths) {
            if (!Files.exists(p)) {
                throw new CliException("changegate: no such file or directory: " + p);
            }
            if (Files.isDirectory(p)) {
                try (Stream<Path> s = Files.walk(p)) {
                    s.filter(Files::isRegularFile).filter(f -> f.getFileName().toString().endsWith(".rego"))
                            .map(Path::normalize).sorted().forEach(files::add);
                }
            } else {
                files.add(p.normalize());
            }
        }
        return files;
    }

    static String read(Path f) throws IOException {
        String s = Files.readString(f, StandardCharsets.UTF_8);
        return s.startsWith("\uFEFF") ? s.substring(1) : s;
    }
}
