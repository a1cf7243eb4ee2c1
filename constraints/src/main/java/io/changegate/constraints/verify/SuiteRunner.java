package io.changegate.constraints.verify;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import io.changegate.constraints.Constraint;
import io.changegate.constraints.ConstraintException;
import io.changegate.constraints.ConstraintTemplate;
import io.changegate.constraints.Fields;
import io.changegate.constraints.Inventory;
import io.changegate.constraints.Manifests;
import io.changegate.constraints.PolicySet;
import io.changegate.constraints.Review;
import io.changegate.constraints.ReviewResult;
import io.changegate.constraints.Violation;
import io.changegate.constraints.admission.AdmissionReviews;
import io.changegate.constraints.yaml.KubeYaml;
import io.changegate.constraints.yaml.ManifestException;
import io.changegate.rego.value.BooleanValue;
import io.changegate.rego.value.NumberValue;
import io.changegate.rego.value.ObjectValue;
import io.changegate.rego.value.StringValue;
import io.changegate.rego.value.Value;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Runs Gatekeeper {@code gator verify} suites ({@code suite.yaml}, {@code test.gatekeeper.sh/v1alpha1}):
 * each test compiles a template and a constraint, and each case reviews an object through
 * {@link PolicySet#review} — the webhook's own path — and checks the assertions.
 */
public final class SuiteRunner {

    /** The outcome of one case; {@code id} is {@code suite-path / test / case}. */
    public record CaseResult(String id, boolean passed, String reason) {
    }

    private SuiteRunner() {
    }

    /** Every {@code suite.yaml} under the paths (a path may also be a suite file itself), sorted. */
    public static List<Path> findSuites(List<Path> paths) throws IOException {
        List<Path> suites = new ArrayList<>();
        for (Path p : paths) {
            if (Files.isRegularFile(p)) {
                suites.add(p);
            } else if (Files.isDirectory(p)) {
                try (Stream<Path> walk = Files.walk(p)) {
                    walk.filter(f -> f.getFileName().toString().equals("suite.yaml") && Files.isRegularFile(f))
                            .sorted().forEach(suites::add);
                }
            } else {
                throw new NoSuchFileException(p.toString());
            }
        }
        return suites;
    }

    /**
     * Runs one suite file; failures to read the suite or a test's template/constraint become failed cases.
     *
     * @param name how ids name the suite (usually its path relative to what the user gave)
     */
    public static List<CaseResult> run(Path suiteFile, String name) {
        List<CaseResult> results = new ArrayList<>();
        Value suite;
        try {
            List<KubeYaml.Document> docs = KubeYaml.readFile(suiteFile);
            suite = docs.isEmpty() ? ObjectValue.EMPTY : docs.get(0).value();
        } catch (IOException | ManifestException e) {
            results.add(new CaseResult(name, false, message(e)));
            return results;
        }
        if (!Fields.string(suite, "kind").equals("Suite")) {
            results.add(new CaseResult(name, false, suiteFile + ": not a gator Suite (kind: Suite, apiVersion: test.gatekeeper.sh/v1alpha1)"));
            return results;
        }
        Path dir = suiteFile.toAbsolutePath().getParent();
        List<Value> tests = Fields.list(suite, "tests");
        for (int t = 0; t < tests.size(); t++) {
            Value test = tests.get(t);
            String testName = Fields.string(test, "name").isEmpty() ? "tests[" + t + "]" : Fields.string(test, "name");
            String testId = name + " / " + testName;
            if (isTrue(Fields.at(test, "skip"))) {
                continue;
            }
            boolean expectInvalid = isTrue(Fields.at(test, "invalid"));
            PolicySet policies;
            try {
                policies = load(dir, test);
            } catch (IOException | RuntimeException e) {
                results.add(new CaseResult(testId, expectInvalid, expectInvalid ? "" : message(e)));
                continue;
            }
            if (expectInvalid) {
                results.add(new CaseResult(testId, false, "the test is marked invalid but its template and constraint load"));
                continue;
            }
            List<Value> cases = Fields.list(test, "cases");
            java.util.Set<String> names = new java.util.HashSet<>();
            for (int c = 0; c < cases.size(); c++) {
                Value testCase = cases.get(c);
                String caseName = Fields.string(testCase, "name").isEmpty() ? "cases[" + c + "]" : Fields.string(testCase, "name");
                // Case names repeat in some suites; the position keeps each id unique for ratchets.
                String id = testId + " / " + caseName + (names.add(caseName) ? "" : " (cases[" + c + "])");
                if (isTrue(Fields.at(testCase, "skip"))) {
                    continue;
                }
                String failure;
                try {
                    failure = runCase(dir, policies, testCase);
                } catch (IOException | RuntimeException e) {
                    failure = message(e);
                }
                results.add(new CaseResult(id, failure == null, failure == null ? "" : failure));
            }
        }
        return results;
    }

    private static PolicySet load(Path dir, Value test) throws IOException {
        Path templateFile = dir.resolve(required(test, "template"));
        Path constraintFile = dir.resolve(required(test, "constraint"));
        KubeYaml.Document template = single(templateFile);
        KubeYaml.Document constraint = single(constraintFile);
        PolicySet set = PolicySet.EMPTY.withTemplate(ConstraintTemplate.parse(template.value(), template.where()));
        return set.withConstraint(Constraint.parse(constraint.value(), constraint.where()), constraint.where());
    }

    /** Null when the case passes, else why it fails. */
    private static String runCase(Path dir, PolicySet policies, Value testCase) throws IOException {
        KubeYaml.Document object = single(dir.resolve(required(testCase, "object")));
        List<Value> inventoryFiles = Fields.list(testCase, "inventory");
        if (!inventoryFiles.isEmpty()) {
            List<Value> objects = new ArrayList<>();
            for (Value f : inventoryFiles) {
                for (Manifests.Located l : Manifests.read(dir.resolve(((StringValue) f).value()))) {
                    objects.add(l.object());
                }
            }
            policies = policies.withInventory(Inventory.of(objects));
        }
        if (!(object.value() instanceof ObjectValue obj)) {
            return object.where() + ": the case object must be a Kubernetes object";
        }
        Review review = Fields.string(obj, "kind").equals("AdmissionReview")
                ? AdmissionReviews.reviewOf(obj, object.where())
                : Review.ofObject(obj);
        ReviewResult result = policies.review(review, Constraint.GATOR);
        if (!result.errors().isEmpty()) {
            return "evaluation failed: " + String.join("; ", result.errors());
        }
        List<Value> assertions = Fields.list(testCase, "assertions");
        if (assertions.isEmpty()) {
            return result.violations().isEmpty() ? null : "expected no violations, got " + describe(result.violations());
        }
        for (int i = 0; i < assertions.size(); i++) {
            String failure = check(assertions.get(i), result.violations(), "assertions[" + i + "]");
            if (failure != null) {
                return failure;
            }
        }
        return null;
    }

    private static String check(Value assertion, List<Violation> violations, String where) {
        List<Violation> counted = violations;
        String message = Fields.string(assertion, "message");
        if (Fields.at(assertion, "message") != null) {
            Pattern pattern;
            try {
                pattern = Pattern.compile(message);
            } catch (PatternSyntaxException e) {
                return where + ".message: not a valid regular expression: " + e.getMessage();
            }
            counted = violations.stream().filter(v -> pattern.matcher(v.message()).find()).toList();
        }
        Value expected = Fields.at(assertion, "violations");
        String matching = message.isEmpty() ? "" : " matching \"" + message + "\"";
        if (expected == null || expected == BooleanValue.TRUE || expected.equals(StringValue.of("yes"))) {
            return counted.isEmpty() ? where + ": expected violations" + matching + ", got " + describe(violations) : null;
        }
        if (expected == BooleanValue.FALSE || expected.equals(StringValue.of("no"))) {
            return counted.isEmpty() ? null : where + ": expected no violations" + matching + ", got " + describe(counted);
        }
        if (expected instanceof NumberValue n && n.isLong()) {
            return counted.size() == n.longValue() ? null
                    : where + ": expected " + n + " violations" + matching + ", got " + counted.size() + ": " + describe(violations);
        }
        return where + ".violations: expected yes, no or a number, found " + expected.toJson();
    }

    private static String describe(List<Violation> violations) {
        if (violations.isEmpty()) {
            return "none";
        }
        return violations.size() + " " + violations.stream().map(Violation::render).toList();
    }

    private static KubeYaml.Document single(Path file) throws IOException {
        List<KubeYaml.Document> docs = KubeYaml.readFile(file);
        if (docs.size() != 1) {
            throw new ManifestException(file + ": expected exactly one YAML document, found " + docs.size());
        }
        return docs.get(0);
    }

    private static String required(Value v, String field) {
        String s = Fields.string(v, field);
        if (s.isEmpty()) {
            throw new ConstraintException("the suite entry has no " + field + " file");
        }
        return s;
    }

    private static boolean isTrue(Value v) {
        return v == BooleanValue.TRUE || StringValue.of("yes").equals(v) || StringValue.of("true").equals(v);
    }

    private static String message(Exception e) {
        return switch (e) {
            case NoSuchFileException n -> "no such file: " + n.getFile();
            case IOException io -> "cannot read: " + io.getMessage();
            default -> e.getMessage();
        };
    }
}
