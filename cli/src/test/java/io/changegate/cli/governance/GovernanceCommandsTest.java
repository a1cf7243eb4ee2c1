package io.changegate.cli.governance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.changegate.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code changegate exception} and {@code break-glass} file what {@code changegate gate} applies:
 * an approved exception allows the next decision and is named by it; an expired one no longer applies.
 */
class GovernanceCommandsTest {
    static final String IMAGE = "sha256:4edbd2beb5f78b1014028f4fbb99f3237d9561100b6881aabbf5acce2c4f9454";
    static final String IMAGE_NAME = "registry.acme.example/alpine@" + IMAGE;
    /** Production blocks on vulnerabilities only, so the story turns on the CVE and its exception. */
    static final String POLICY_SETS = """
            {"changegate": {"environments": {"prod": {"default_mode": "dryrun",
              "policies": {"vulnerabilities": {"mode": "enforce", "params": {"severity_threshold": "HIGH", "accepted": []}}}}}}}
            """;

    @TempDir
    Path state;

    @AfterEach
    void restore() {
        ExceptionCommand.clock = Clock.systemUTC();
        GovernanceState.environment = System.getenv();
    }

    record Run(int exitCode, String out, String err) {
        JsonNode json() throws Exception {
            return new ObjectMapper().readTree(out);
        }
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new Main());
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return new Run(cl.execute(args), out.toString(), err.toString());
    }

    static Path fixtures() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("mvnw"))) {
            dir = dir.getParent();
        }
        Path fixtures = dir == null ? null : dir.resolve("../shared/fixtures").normalize();
        assumeTrue(fixtures != null && Files.isDirectory(fixtures), "../shared/fixtures is absent: the gate story is skipped");
        return fixtures;
    }

    Run gate() throws Exception {
        Path sets = state.resolve("policy-sets.json");
        Files.writeString(sets, POLICY_SETS);
        return run("gate", "--evidence", state.toString(), "--policy-sets", sets.toString(), "--env", "prod",
                "--artifact", IMAGE_NAME, "--format", "json");
    }

    Run request(String id, String... expiry) {
        String[] args = {"exception", "request", "--state", state.toString(), "--id", id, "--policy", "vulnerabilities",
                "--env", "prod", "--artifact", IMAGE, "--justification", "musl is not reachable from the service",
                "--ticket", "SEC-7", "--requester", "alice"};
        String[] all = new String[args.length + expiry.length];
        System.arraycopy(args, 0, all, 0, args.length);
        System.arraycopy(expiry, 0, all, args.length, expiry.length);
        return run(all);
    }

    @Test
    void anApprovedExceptionAllowsTheNextGateDecisionAndAnExpiredOneNoLongerApplies() throws Exception {
        Path trivy = fixtures().resolve("trivy/trivy-image-alpine39-vulns.json");
        Run added = run("evidence", "add", "--store", state.resolve("store").toString(), "--subject", IMAGE,
                "--name", IMAGE_NAME, trivy.toString());
        assertThat(added.exitCode()).as(added.err()).isZero();

        Run denied = gate();
        assertThat(denied.exitCode()).as(denied.err()).isEqualTo(1);
        assertThat(denied.json().path("violations").findValuesAsText("msg"))
                .anyMatch(m -> m.contains("contains unaccepted CVE CVE-2019-14697"));

        Run requested = request("EXC-1", "--for", "7d");
        assertThat(requested.exitCode()).as(requested.err()).isZero();
        assertThat(gate().exitCode()).as("a request alone waives nothing").isEqualTo(1);

        Run self = run("exception", "approve", "EXC-1", "--approver", "alice", "--state", state.toString());
        assertThat(self.exitCode()).isEqualTo(1);
        assertThat(self.err()).contains("refused: approver: alice requested this exception and cannot also approve it");

        Run approved = run("exception", "approve", "EXC-1", "--approver", "bob", "--state", state.toString());
        assertThat(approved.exitCode()).as(approved.err()).isZero();
        assertThat(approved.out()).contains("approved exception EXC-1 (requested by alice, approved by bob)");

        Run allowed = gate();
        assertThat(allowed.exitCode()).as(allowed.out() + allowed.err()).isZero();
        assertThat(allowed.json().path("allowed_by").asText()).isEqualTo("exception");
        assertThat(allowed.json().path("exceptions").findValuesAsText("id")).containsExactly("EXC-1");

        // An exception requested and approved ten days ago for a week has expired and no longer applies.
        ExceptionCommand.clock = Clock.fixed(Instant.now().minus(Duration.ofDays(10)), ZoneOffset.UTC);
        assertThat(request("EXC-OLD", "--for", "7d").exitCode()).isZero();
        assertThat(run("exception", "approve", "EXC-OLD", "--approver", "bob", "--state", state.toString()).exitCode()).isZero();
        ExceptionCommand.clock = Clock.systemUTC();
        Files.delete(state.resolve("governance/exceptions/EXC-1.json"));

        Run expired = gate();
        assertThat(expired.exitCode()).isEqualTo(1);
        assertThat(expired.json().path("exceptions")).isEmpty();
        Run listed = run("exception", "list", "--all", "--state", state.toString());
        assertThat(listed.out()).contains("EXC-OLD").contains("expired");
    }

    @Test
    void requestsAreCheckedWhenFiledAndWhenApproved() {
        Run past = request("EXC-2", "--expires", "2020-01-01T00:00:00Z");
        assertThat(past.exitCode()).isEqualTo(1);
        assertThat(past.err()).contains("expires: 2020-01-01T00:00:00Z is not in the future");

        Run badTime = request("EXC-3", "--expires", "next week");
        assertThat(badTime.exitCode()).isEqualTo(2);
        assertThat(badTime.err()).contains("--expires: 'next week' is not an RFC 3339 time");

        Run both = request("EXC-4");
        assertThat(both.exitCode()).as("an expiry is required").isEqualTo(2);

        GovernanceState.environment = Map.of("CHANGEGATE_EXCEPTION_APPROVERS", "carol");
        assertThat(request("EXC-5", "--for", "1d").exitCode()).isZero();
        Run unauthorised = run("exception", "approve", "EXC-5", "--approver", "bob", "--state", state.toString());
        assertThat(unauthorised.exitCode()).isEqualTo(1);
        assertThat(unauthorised.err()).contains("bob is not authorised to approve exceptions");
        assertThat(run("exception", "approve", "EXC-5", "--approver", "Carol", "--state", state.toString()).exitCode()).isZero();

        Run unknown = run("exception", "approve", "EXC-404", "--approver", "carol", "--state", state.toString());
        assertThat(unknown.exitCode()).isEqualTo(1);
        assertThat(unknown.err()).contains("no pending exception request EXC-404");

        Run listed = run("exception", "list", "--json", "--state", state.toString());
        assertThat(listed.out()).contains("\"EXC-5\"").contains("\"active\"").doesNotContain("EXC-2");
        assertThat(listed.out() + past.err() + unknown.err()).doesNotContain("\tat ");
    }

    @Test
    void breakGlassIsForAuthorisedPeopleWithinItsTimeBox() throws Exception {
        GovernanceState.environment = Map.of("CHANGEGATE_BREAK_GLASS", "dana");
        Run intruder = run("break-glass", "open", "--state", state.toString(), "--env", "prod", "--by", "mallory",
                "--reason", "INC-42");
        assertThat(intruder.exitCode()).isEqualTo(1);
        assertThat(intruder.err()).contains("mallory is not authorised to break the glass");

        Run tooLong = run("break-glass", "open", "--state", state.toString(), "--env", "prod", "--by", "dana",
                "--reason", "INC-42", "--for", "1d");
        assertThat(tooLong.exitCode()).isEqualTo(1);
        assertThat(tooLong.err()).contains("at most PT4H");

        Run opened = run("break-glass", "open", "--state", state.toString(), "--env", "prod", "--by", "dana",
                "--reason", "INC-42: payments outage", "--ticket", "INC-42", "--for", "2h", "--json");
        assertThat(opened.exitCode()).as(opened.err()).isZero();
        assertThat(new ObjectMapper().readTree(opened.out()).path("invoked_by").asText()).isEqualTo("dana");

        Run listed = run("break-glass", "list", "--state", state.toString());
        assertThat(listed.out()).contains("active", "prod by dana", "INC-42: payments outage");
    }

    @Test
    void aBreakGlassDecisionLeavesARetroApprovalThatOnlySomeoneElseCloses() throws Exception {
        Path trivy = fixtures().resolve("trivy/trivy-image-alpine39-vulns.json");
        assertThat(run("evidence", "add", "--store", state.resolve("store").toString(), "--subject", IMAGE,
                "--name", IMAGE_NAME, trivy.toString()).exitCode()).isZero();
        GovernanceState.environment = Map.of("CHANGEGATE_BREAK_GLASS", "dana");
        assertThat(run("break-glass", "open", "--state", state.toString(), "--env", "prod", "--by", "dana",
                "--reason", "INC-42", "--artifact", IMAGE).exitCode()).isZero();

        Run glass = gate();
        assertThat(glass.exitCode()).as(glass.out() + glass.err()).isZero();
        String task = glass.json().path("retro_approval").path("id").asText();
        assertThat(task).startsWith("RA-");
        assertThat(run("break-glass", "list", "--state", state.toString()).out()).contains(task + " ").contains("open");

        Run self = run("break-glass", "approve-retro", task, "--approver", "dana", "--state", state.toString());
        assertThat(self.exitCode()).isEqualTo(1);
        assertThat(self.err()).contains("someone other than dana");
        Run approved = run("break-glass", "approve-retro", task, "--approver", "erin", "--state", state.toString());
        assertThat(approved.exitCode()).as(approved.err()).isZero();
        assertThat(run("break-glass", "list", "--json", "--state", state.toString()).json().path("retro_approvals")
                .findValuesAsText("status")).containsExactly("approved");
    }
}
