package io.changegate.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The base of Changegate's subcommands: output through picocli's writers, and every failure
 * reported as one line on stderr with an exit code, never as a stack trace.
 *
 * <p>Exit codes: 0 success, 1 a failure the command reports (bad policy, failed check),
 * 2 usage errors (picocli) and internal errors. Set {@code CHANGEGATE_DEBUG=1} to get the stack
 * trace of an internal error.
 */
public abstract class CliCommand implements Callable<Integer> {
    @Spec
    protected CommandSpec spec;

    /** Runs the command and returns its exit code. */
    protected abstract int execute() throws Exception;

    protected PrintWriter out() {
        return spec.commandLine().getOut();
    }

    protected PrintWriter err() {
        return spec.commandLine().getErr();
    }

    @Override
    public final Integer call() {
        try {
            return execute();
        } catch (CliException e) {
            err().println(e.getMessage());
            return e.exitCode();
        } catch (IOException e) {
            err().println("changegate: " + describe(e));
            return 1;
        } catch (Exception | StackOverflowError | OutOfMemoryError e) {
            err().println("changegate: internal error: " + e);
            if (System.getenv("CHANGEGATE_DEBUG") != null) {
                e.printStackTrace(err());
            }
            return 2;
        } finally {
            out().flush();
            err().flush();
        }
    }

    /** An I/O failure in words: which file and what went wrong. */
    static String describe(IOException e) {
        return switch (e) {
            case NoSuchFileException n -> "no such file or directory: " + n.getFile();
            case AccessDeniedException a -> "permission denied: " + a.getFile();
            case NotDirectoryException d -> "not a directory: " + d.getFile();
            default -> e.getMessage() == null ? e.toString() : e.getMessage();
        };
    }
}
