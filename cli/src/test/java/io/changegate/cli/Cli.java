package io.changegate.cli;

import io.changegate.rego.Rego;
import io.changegate.rego.RegoException;
import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** Runs the command line in-process, capturing what it prints. */
record Cli(int exitCode, String out, String err) {

    static Cli run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new Main());
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new Cli(code, out.toString(), err.toString());
    }

    /** Whether the engine can evaluate yet (it is being built while these tests are written). */
    static boolean engineWorks() {
        try {
            return Rego.builder().prepare("x := 1").evalValue(null) != null;
        } catch (RegoException | RuntimeException e) {
            return false;
        }
    }

    /** Whether the parser reports syntax errors yet. */
    static boolean parserWorks() {
        try {
            io.changegate.rego.parser.Parser.parseModule("p.rego", "package p\nx := 1\n", io.changegate.rego.ast.RegoVersion.V1);
            return true;
        } catch (RegoException | RuntimeException e) {
            return false;
        }
    }

    /** Nothing that looks like a Java stack trace or exception name reached the user. */
    boolean hasNoStackTrace() {
        String all = out + err;
        return !all.contains("\tat ") && !all.contains("Exception:") && !all.contains("Exception\n");
    }
}
