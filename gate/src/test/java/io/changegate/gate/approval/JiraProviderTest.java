package io.changegate.gate.approval;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Jira answers as its REST API documents, including errors and a server that hangs. */
class JiraProviderTest {
    HttpServer server;
    final AtomicInteger status = new AtomicInteger(200);
    final AtomicReference<String> body = new AtomicReference<>();
    final AtomicReference<String> authorization = new AtomicReference<>();
    final AtomicInteger calls = new AtomicInteger();
    volatile long delayMillis;

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            calls.incrementAndGet();
            authorization.set(exchange.getRequestHeaders().getFirst("Authorization"));
            try {
                Thread.sleep(delayMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            byte[] bytes = body.get().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status.get(), bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    JiraProvider jira(int version, String auth, String approversField) {
        return new JiraProvider(URI.create("http://127.0.0.1:" + server.getAddress().getPort()), version, auth,
                Set.of("Approved", "Done"), approversField, Duration.ofMillis(500), Clock.systemUTC());
    }

    static String issue(String status, String approvers) {
        return "{\"key\":\"CHG-7\",\"fields\":{\"status\":{\"name\":\"" + status + "\"},"
                + "\"reporter\":{\"name\":\"alice\",\"displayName\":\"Alice\"},\"customfield_10050\":" + approvers + "}}";
    }

    @Test
    void an_approved_status_with_approvers_is_approved_and_names_them() {
        body.set(issue("Approved", "[{\"name\":\"bob\",\"displayName\":\"Bob\"}]"));
        Approval approval = jira(2, JiraProvider.basic("svc", "secret"), "customfield_10050").check("CHG-7");
        assertThat(approval.status()).isEqualTo(Approval.APPROVED);
        assertThat(approval.approvers()).containsExactly("bob");
        assertThat(approval.author()).isEqualTo("alice");
        assertThat(authorization.get()).isEqualTo("Basic c3ZjOnNlY3JldA==");
    }

    @Test
    void a_status_outside_the_approved_ones_is_pending() {
        body.set(issue("In Review", "[]"));
        Approval approval = jira(3, JiraProvider.bearer("pat"), null).check("CHG-7");
        assertThat(approval.status()).isEqualTo(Approval.PENDING);
        assertThat(approval.ticketStatus()).isEqualTo("In Review");
        assertThat(authorization.get()).isEqualTo("Bearer pat");
    }

    @Test
    void an_approved_status_without_approvers_in_the_field_is_pending() {
        body.set(issue("Approved", "[]"));
        assertThat(jira(3, null, "customfield_10050").check("CHG-7").status()).isEqualTo(Approval.PENDING);
    }

    @Test
    void a_missing_issue_is_not_found_with_jiras_message() {
        status.set(404);
        body.set("{\"errorMessages\":[\"Issue does not exist or you do not have permission to see it.\"],\"errors\":{}}");
        Approval approval = jira(3, null, null).check("CHG-7");
        assertThat(approval.status()).isEqualTo(Approval.NOT_FOUND);
        assertThat(approval.detail()).isEqualTo("Jira answered 404: Issue does not exist or you do not have permission to see it.");
    }

    @Test
    void rejected_credentials_are_unreachable_never_approved() {
        status.set(401);
        body.set("");
        Approval approval = jira(3, JiraProvider.bearer("wrong"), null).check("CHG-7");
        assertThat(approval.status()).isEqualTo(Approval.UNREACHABLE);
        assertThat(approval.detail()).isEqualTo("Jira rejected the credentials (401)");
    }

    @Test
    void a_server_that_does_not_answer_in_time_is_unreachable() {
        delayMillis = 2000;
        body.set(issue("Approved", "[]"));
        Approval approval = jira(3, null, null).check("CHG-7");
        assertThat(approval.status()).isEqualTo(Approval.UNREACHABLE);
        assertThat(approval.detail()).isEqualTo("Jira did not answer within 500 ms");
    }

    @Test
    void a_closed_port_is_unreachable() {
        int port = server.getAddress().getPort();
        server.stop(0);
        Approval approval = jira(3, null, null).check("CHG-7");
        assertThat(approval.status()).isEqualTo(Approval.UNREACHABLE);
        assertThat(approval.detail()).isEqualTo("cannot connect to 127.0.0.1:" + port);
    }

    @Test
    void a_key_that_is_not_a_jira_key_never_reaches_the_server() {
        Approval approval = jira(3, null, null).check("../../admin");
        assertThat(approval.status()).isEqualTo(Approval.NOT_FOUND);
        assertThat(calls.get()).isZero();
    }

    @Test
    void definite_answers_are_cached_briefly_and_unreachable_ones_are_not() {
        body.set(issue("Approved", "[]"));
        var cached = new CachingApprovalProvider(jira(3, null, null), Duration.ofMinutes(1), Clock.systemUTC());
        cached.check("CHG-7");
        cached.check("CHG-7");
        assertThat(calls.get()).isEqualTo(1);
        status.set(500);
        body.set("{}");
        var fresh = new CachingApprovalProvider(jira(3, null, null), Duration.ofMinutes(1), Clock.systemUTC());
        assertThat(fresh.check("CHG-8").status()).isEqualTo(Approval.UNREACHABLE);
        fresh.check("CHG-8");
        assertThat(calls.get()).isEqualTo(3);
    }

    @Test
    void the_generic_provider_reads_status_and_approvers_by_json_path() {
        body.set("{\"change\":{\"state\":\"APPROVED\",\"approvals\":[{\"by\":\"bob\"},{\"by\":\"carol\"}],\"owner\":\"alice\"}}");
        var provider = new HttpJsonProvider("servicenow", "http://127.0.0.1:" + server.getAddress().getPort() + "/api/{ticket}",
                Map.of("Authorization", "Bearer x"), "$.change.state", Set.of("approved"), "$.change.approvals[*].by",
                "$.change.owner", Duration.ofMillis(500), Clock.systemUTC());
        Approval approval = provider.check("CHG 9");
        assertThat(approval.status()).isEqualTo(Approval.APPROVED);
        assertThat(approval.approvers()).containsExactly("bob", "carol");
        assertThat(approval.author()).isEqualTo("alice");
    }
}
