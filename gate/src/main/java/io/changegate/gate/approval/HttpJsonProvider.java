package io.changegate.gate.approval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Any change system with a JSON API: a URL template with {@code {ticket}}, and JSON paths to the
 * ticket's status, its approvers and its author. Approved when the status is one of the approved values.
 */
public final class HttpJsonProvider implements ApprovalProvider {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final String name;
    private final String urlTemplate;
    private final Map<String, String> headers;
    private final JsonPath statusPath;
    private final Set<String> approvedValues;
    private final JsonPath approversPath;
    private final JsonPath authorPath;
    private final Duration timeout;
    private final HttpClient client;
    private final Clock clock;

    /**
     * @param urlTemplate    e.g. {@code https://changes.example/api/changes/{ticket}}; the ticket is URL-encoded
     * @param headers        extra request headers (e.g. Authorization); never logged
     * @param approversPath  where the approvers are, or null
     * @param authorPath     where the author is, or null
     */
    public HttpJsonProvider(String name, String urlTemplate, Map<String, String> headers, String statusPath,
                            Set<String> approvedValues, String approversPath, String authorPath, Duration timeout,
                            Clock clock) {
        if (urlTemplate == null || !urlTemplate.contains("{ticket}")) {
            throw new IllegalArgumentException("url_template: must contain {ticket}, e.g. https://changes.example/api/{ticket}");
        }
        this.name = name;
        this.urlTemplate = urlTemplate;
        this.headers = Map.copyOf(headers);
        this.statusPath = JsonPath.parse(statusPath);
        this.approvedValues = approvedValues.stream().map(v -> v.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
        this.approversPath = approversPath == null ? null : JsonPath.parse(approversPath);
        this.authorPath = authorPath == null ? null : JsonPath.parse(authorPath);
        this.timeout = timeout;
        this.clock = clock;
        this.client = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Approval check(String ticket) {
        Instant now = clock.instant();
        if (ticket == null || ticket.isBlank()) {
            return new Approval(name, ticket, Approval.NOT_FOUND, null, List.of(), null, "no ticket given", now);
        }
        URI uri;
        try {
            uri = URI.create(urlTemplate.replace("{ticket}", URLEncoder.encode(ticket, StandardCharsets.UTF_8)));
        } catch (IllegalArgumentException e) {
            return Approval.unreachable(name, ticket, "the URL template does not make a valid URL: " + e.getMessage(), now);
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout).header("Accept", "application/json").GET();
        headers.forEach(request::header);
        HttpResponse<byte[]> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (HttpTimeoutException e) {
            return Approval.unreachable(name, ticket, name + " did not answer within " + timeout.toMillis() + " ms", now);
        } catch (IOException e) {
            return Approval.unreachable(name, ticket, "request to " + uri.getHost() + " failed: " + e, now);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Approval.unreachable(name, ticket, "interrupted", now);
        }
        if (response.statusCode() == 404) {
            return new Approval(name, ticket, Approval.NOT_FOUND, null, List.of(), null, name + " answered 404", now);
        }
        JsonNode body;
        try {
            body = MAPPER.readTree(response.body());
        } catch (IOException e) {
            body = null;
        }
        if (response.statusCode() != 200 || body == null) {
            return Approval.unreachable(name, ticket, name + " answered " + response.statusCode()
                    + (body == null ? " without a JSON body" : ""), now);
        }
        String status = statusPath.firstText(body);
        if (status == null) {
            return Approval.unreachable(name, ticket, "the answer has nothing at " + statusPath.text(), now);
        }
        List<String> approvers = approversPath == null ? List.of()
                : approversPath.select(body).stream().filter(n -> !n.isContainerNode()).map(JsonNode::asText).toList();
        String author = authorPath == null ? null : authorPath.firstText(body);
        boolean approved = approvedValues.contains(status.toLowerCase(Locale.ROOT));
        return new Approval(name, ticket, approved ? Approval.APPROVED : Approval.PENDING, status, approvers, author,
                "status " + status, now);
    }
}
