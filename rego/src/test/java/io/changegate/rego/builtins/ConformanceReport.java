package io.changegate.rego.builtins;

import io.changegate.rego.conformance.CaseResult;
import io.changegate.rego.conformance.ConformanceRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** A developer's report: runs conformance folders through the whole engine and prints per-file pass counts and failures. */
final class ConformanceReport {
    private ConformanceReport() {
    }

    public static void main(String[] args) throws Exception {
        boolean verbose = Boolean.getBoolean("verbose");
        long p = 0;
        long f = 0;
        long s = 0;
        try (ConformanceRunner runner = new ConformanceRunner()) {
            for (String arg : args) {
                Path root = Path.of(arg);
                List<Path> files;
                try (Stream<Path> st = Files.walk(root)) {
                    files = st.filter(x -> x.toString().endsWith(".yaml")).sorted().toList();
                }
                for (Path file : files) {
                    ConformanceRunner.FileResult r = runner.runFile(root, file);
                    if (r.loadError() != null) {
                        System.out.println("LOAD " + r.loadError());
                        continue;
                    }
                    for (CaseResult c : r.cases()) {
                        if (c.status() == CaseResult.Status.FAILED || (verbose && c.status() == CaseResult.Status.SKIPPED)) {
                            System.out.println(c.status() + " " + c);
                        }
                    }
                    long fp = r.count(CaseResult.Status.PASSED);
                    long ff = r.count(CaseResult.Status.FAILED);
                    long fs = r.count(CaseResult.Status.SKIPPED);
                    p += fp;
                    f += ff;
                    s += fs;
                    System.out.printf("FILE %-60s %4d passed %4d failed %4d skipped%n", r.file(), fp, ff, fs);
                }
            }
        }
        System.out.println(p + " passed, " + f + " failed, " + s + " skipped");
    }
}
