package io.changegate.rego.tooling;

import io.changegate.rego.ast.Body;
import io.changegate.rego.ast.Expr;
import io.changegate.rego.ast.Location;
import io.changegate.rego.ast.Module;
import io.changegate.rego.ast.Rule;
import io.changegate.rego.ast.Term;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * Line coverage of a set of modules, computed as {@code opa test --coverage} computes it.
 *
 * <p>A line is covered when an expression on it was evaluated or a rule whose head is on it
 * produced a value. A line is not covered when it holds a rule head or an expression (other
 * than a {@code some} declaration) and is not covered. Other lines (package, imports, comments,
 * continuation lines) count neither way. Percentages are covered lines over covered plus not
 * covered lines, per file and over all files, unrounded as OPA 1.x reports them.
 *
 * @param files           per file name, in name order
 * @param coveredLines    covered lines over all files
 * @param notCoveredLines not covered lines over all files
 * @param coverage        the overall percentage; 0 when no line counts
 */
public record CoverageReport(SortedMap<String, FileCoverage> files, int coveredLines, int notCoveredLines,
                             double coverage) {
    public CoverageReport {
        files = Collections.unmodifiableSortedMap(new TreeMap<>(files));
    }

    /** Lines {@code start} to {@code end}, both included. */
    public record LineRange(int start, int end) {
        int lines() {
            return end - start + 1;
        }
    }

    /** One file's covered and not covered lines, as consecutive ranges, and its percentage. */
    public record FileCoverage(List<LineRange> covered, List<LineRange> notCovered, int coveredLines,
                               int notCoveredLines, double coverage) {
        public FileCoverage {
            covered = List.copyOf(covered);
            notCovered = List.copyOf(notCovered);
        }
    }

    /**
     * Collects the locations an evaluation reports as covered, by file and row; locations without
     * a file (the test queries themselves) are ignored. Not thread-safe: one run at a time.
     */
    public static final class Hits implements Consumer<Location> {
        private final Map<String, Set<Integer>> rows = new TreeMap<>();

        @Override
        public void accept(Location location) {
            if (location != null && !location.file().isEmpty()) {
                rows.computeIfAbsent(location.file(), f -> new TreeSet<>()).add(location.row());
            }
        }

        boolean covered(String file, int row) {
            Set<Integer> r = rows.get(file);
            return r != null && r.contains(row);
        }
    }

    /** The report over {@code modules} (each named by its file) of what {@code hits} saw evaluated. */
    public static CoverageReport of(List<Module> modules, Hits hits) {
        Map<String, TreeSet<Integer>> covered = new TreeMap<>();
        hits.rows.forEach((file, rows) -> covered.put(file, new TreeSet<>(rows)));
        Map<String, TreeSet<Integer>> notCovered = new TreeMap<>();
        for (Module m : modules) {
            TreeSet<Integer> rows = notCovered.computeIfAbsent(m.file(), f -> new TreeSet<>());
            for (Rule r : m.rules()) {
                new NotCovered(m.file(), hits, rows).rule(r);
            }
        }
        SortedMap<String, FileCoverage> files = new TreeMap<>();
        int coveredTotal = 0;
        int notCoveredTotal = 0;
        Set<String> names = new TreeSet<>(covered.keySet());
        names.addAll(notCovered.keySet());
        for (String file : names) {
            List<LineRange> c = ranges(covered.getOrDefault(file, new TreeSet<>()));
            List<LineRange> n = ranges(notCovered.getOrDefault(file, new TreeSet<>()));
            int cl = c.stream().mapToInt(LineRange::lines).sum();
            int nl = n.stream().mapToInt(LineRange::lines).sum();
            files.put(file, new FileCoverage(c, n, cl, nl, percent(cl, nl)));
            coveredTotal += cl;
            notCoveredTotal += nl;
        }
        return new CoverageReport(files, coveredTotal, notCoveredTotal, percent(coveredTotal, notCoveredTotal));
    }

    private static double percent(int covered, int notCovered) {
        int total = covered + notCovered;
        return total == 0 ? 0.0 : 100.0 * covered / total;
    }

    private static List<LineRange> ranges(TreeSet<Integer> rows) {
        List<LineRange> out = new ArrayList<>();
        int start = -1;
        int end = -1;
        for (int row : rows) {
            if (start >= 0 && row == end + 1) {
                end = row;
                continue;
            }
            if (start >= 0) {
                out.add(new LineRange(start, end));
            }
            start = row;
            end = row;
        }
        if (start >= 0) {
            out.add(new LineRange(start, end));
        }
        return out;
    }

    /** Walks a module's rules (else branches included) and every expression, nested ones too. */
    private record NotCovered(String file, Hits hits, Set<Integer> rows) {
        void rule(Rule r) {
            if (!hits.covered(file, r.location().row())) {
                rows.add(r.head().location().row());
            }
            Rule.Head h = r.head();
            term(h.ref());
            if (h.args() != null) {
                h.args().forEach(this::term);
            }
            if (h.key() != null) {
                term(h.key());
            }
            if (h.value() != null) {
                term(h.value());
            }
            body(r.body());
            if (r.elseRule() != null) {
                rule(r.elseRule());
            }
        }

        void body(Body b) {
            if (b != null) {
                b.exprs().forEach(this::expr);
            }
        }

        void expr(Expr e) {
            // Like OPA, `some` declarations count only when evaluated, never as not covered.
            boolean declaration = e.kind() instanceof Expr.SomeVars || e.kind() instanceof Expr.SomeIn;
            if (!declaration && !hits.covered(file, e.location().row())) {
                rows.add(e.location().row());
            }
            switch (e.kind()) {
                case Expr.TermExpr t -> term(t.term());
                case Expr.SomeVars s -> {
                }
                case Expr.SomeIn s -> {
                    if (s.key() != null) {
                        term(s.key());
                    }
                    term(s.value());
                    term(s.collection());
                }
                case Expr.Every ev -> {
                    term(ev.domain());
                    body(ev.body());
                }
                case Expr.Block bl -> body(bl.body());
            }
            for (Expr.With w : e.withs()) {
                term(w.value());
            }
        }

        void term(Term t) {
            switch (t) {
                case Term.Ref r -> r.parts().forEach(this::term);
                case Term.ArrayTerm a -> a.elements().forEach(this::term);
                case Term.SetTerm s -> s.elements().forEach(this::term);
                case Term.ObjectTerm o -> o.entries().forEach(en -> {
                    term(en.key());
                    term(en.value());
                });
                case Term.Call c -> c.args().forEach(this::term);
                case Term.ArrayComprehension c -> {
                    term(c.head());
                    body(c.body());
                }
                case Term.SetComprehension c -> {
                    term(c.head());
                    body(c.body());
                }
                case Term.ObjectComprehension c -> {
                    term(c.key());
                    term(c.value());
                    body(c.body());
                }
                case Term.Scalar s -> {
                }
                case Term.Var v -> {
                }
            }
        }
    }
}
