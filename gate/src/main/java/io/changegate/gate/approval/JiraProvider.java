package io.changegate.gate.approval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Jira (Cloud REST API v3 or Server/Data Center v2): a ticket is approved when its status is one
 * of the approved statuses and, when an approvers field is configured, someone approved it there.
 *
 * <p>The approvers field may be a user-picker field (a list of users) or a Jira Service
 * Management approval field (approvals with {@code finalDecision} and per-approver decisions).
 * People are named by {@code name} (Server), else e-mail address, else account id, else display name.
 */
public final class JiraProvider implements ApprovalProvider {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    // Jira keys are PROJECT-123; nothing else may reach the URL path.
    private static final Pattern ISSUE_KEY = Pattern.compile("[A-Z][A-Z0-9_]{0,49}-[0-9]{1,12}");

    private final URI baseUrl;
    private final int apiVersion;
    private final String authorization;
    private final Set<String> approvedStatuses;
    private final String approversField;
    private final Duration timeout;
    private final HttpClient client;
    private final Clock clock;

    /**
     * @param baseUrl          e.g. {@code https://acme.atlassian.net}
     * @param apiVersion       2 or 3
     * @param authorization    the whole Authorization header value (see {@link #basic} and {@link #bearer}), or null
     * @param approvedStatuses status names that mean approved, compared case-insensitively
     * @param approversField   the field holding approvers, e.g. {@code customfield_10050}; null to rely on status only
     */
    public JiraProvider(URI baseUrl, int apiVersion, String authorization, Set<String> approvedStatuses,
                        String approversField, Duration timeout, Clock clock) {
        if (apiVersion != 2 && apiVersion != 3) {
            throw new IllegalArgumentException("api_version: Jira's REST API is version 2 or 3, not " + apiVersion);
        }
        this.baseUrl = URI.create(baseUrl.toString().replaceAll("/+$", "") + "/");
        this.apiVersion = apiVersion;
        this.authorization = authorization;
        Set<String> statuses = new LinkedHashSet<>();
        approvedStatuses.forEach(s -> statuses.add(s.toLowerCase(Locale.ROOT)));
        this.approvedStatuses = Set.copyOf(statuses);
        this.approversField = approversField;
        this.timeout = timeout;
        this.clock = clock;
        this.client = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** The header value for Jira Cloud's e-mail and API token (or Server's user and password). */
    public static String basic(String user, String token) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + token).getBytes(StandardCharsets.UTF_8));
    }

    /** The header value for a personal access token (Server/Data Center) or an OAuth token. */
    public static String bearer(String token) {
        return "Bearer " + token;
    }

    @Override
    public String name() {
        return "jira";
    }

    @Override
    public Approval check(String ticket) {
        Instant now = clock.instant();
        if (ticket == null || !ISSUE_KEY.matcher(ticket).matches()) {
            return new Approval(name(), ticket, Approval.NOT_FOUND, null, List.of(), null,
                    "'" + ticket + "' is not a Jira issue key such as PROJ-123", now);
        }
        String fields = "status,reporter" + (approversField == null ? "" : "," + approversField);
        URI uri = baseUrl.resolve("rest/api/" + apiVersion + "/issue/" + ticket + "?fields=" + fields);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout).header("Accept", "application/json").GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        HttpResponse<byte[]> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (HttpTimeoutException e) {
            return Approval.unreachable(name(), ticket, "Jira did not answer within " + timeout.toMillis() + " ms", now);
        } catch (ConnectException e) {
            return Approval.unreachable(name(), ticket, "cannot connect to " + baseUrl.getHost() + ":" + port(), now);
        } catch (IOException e) {
            return Approval.unreachable(name(), ticket, "request to Jira failed: " + e.getMessage(), now);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Approval.unreachable(name(), ticket, "interrupted while asking Jira", now);
        }
        JsonNode body = parse(response.body());
        int status = response.statusCode();
        if (status == 404) {
            return new Approval(name(), ticket, Approval.NOT_FOUND, null, List.of(), null, jiraErrors(body, status), now);
        }
        if (status != 200 || body == null || !body.isObject()) {
            String why = status == 401 ? "Jira rejected the credentials (401)"
                    : status == 403 ? "Jira refused access (403): " + jiraErrors(body, status)
                    : status == 200 ? "Jira answered with something that is not an issue" : jiraErrors(body, status);
            return Approval.unreachable(name(), ticket, why, now);
        }
        JsonNode issueFields = body.path("fields");
        String ticketStatus = issueFields.path("status").path("name").asText(null);
        List<String> approvers = approversField == null ? List.of() : approvers(issueFields.path(approversField));
        String author = person(issueFields.path("reporter"));
        boolean statusApproved = ticketStatus != null && approvedStatuses.contains(ticketStatus.toLowerCase(Locale.ROOT));
        boolean approved = statusApproved && (approversField == null || !approvers.isEmpty());
        String detail = approved ? "status " + ticketStatus
                : !statusApproved ? "status " + ticketStatus + " is not one of " + approvedStatuses
                : "status " + ticketStatus + " but nobody approved it in " + approversField;
        return new Approval(name(), ticket, approved ? Approval.APPROVED : Approval.PENDING, ticketStatus, approvers,
                author, detail, now);
    }

    private int port() {
        return baseUrl.getPort() > 0 ? baseUrl.getPort() : "https".equals(baseUrl.getScheme()) ? 443 : 80;
    }

    private static List<String> approvers(JsonNode field) {
        List<String> people = new ArrayList<>();
        if (!field.isArray()) {
            String single = person(field);
            return single == null ? List.of() : List.of(single);
        }
        for (JsonNode element : field) {
            if (element.has("approvers")) {
                // Jira Service Management approval: only a final "approved" decision counts.
                if (!"approved".equals(element.path("finalDecision").asText())) {
                    continue;
                }
                for (JsonNode approver : element.path("approvers")) {
                    if ("approved".equals(approver.path("approverDecision").asText())) {
                        String who = person(approver.path("approver"));
                        if (who != null) {
                            people.add(who);
                        }
                    }
                }
            } else {
                String who = person(element);
                if (who != null) {
                    people.add(who);
                }
            }
        }
        return List.copyOf(people);
    }

    private static String person(JsonNode user) {
        for (String field : List.of("name", "emailAddress", "accountId", "displayName")) {
            String value = user.path(field).asText("");
            if (!value.isBlank()) {
                return value;
            }
        }
        return null;
    }

    /** Jira's error body {@code {"errorMessages": […], "errors": {…}}} in words. */
    private static String jiraErrors(JsonNode body, int status) {
        List<String> messages = new ArrayList<>();
        if (body != null) {
            body.path("errorMessages").forEach(m -> messages.add(m.asText()));
            body.path("errors").properties().forEach(e -> messages.add(e.getKey() + ": " + e.getValue().asText()));
        }
        return "Jira answered " + status + (messages.isEmpty() ? "" : ": " + String.join("; ", messages));
    }

    private static JsonNode parse(byte[] body) {
        try {
            return body.length == 0 ? null : MAPPER.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }
}
