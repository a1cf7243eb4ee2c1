package io.changegate.gate.approval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What an approval provider said about a change ticket, recorded as evidence of the decision.
 *
 * @param provider     the provider's name, e.g. {@code jira}
 * @param ticket       the ticket asked about
 * @param status       {@code approved}, {@code pending}, {@code not_found} or {@code unreachable}
 * @param ticketStatus the ticket's own status text (e.g. {@code In Review}), or null
 * @param approvers    who approved it
 * @param author       who raised it, or null
 * @param detail       why, in words (the provider's error for {@code unreachable} and {@code not_found})
 * @param checkedAt    when the provider answered
 */
public record Approval(String provider, String ticket, String status, String ticketStatus, List<String> approvers,
                       String author, String detail, Instant checkedAt) {
    public static final String APPROVED = "approved";
    public static final String PENDING = "pending";
    public static final String NOT_FOUND = "not_found";
    public static final String UNREACHABLE = "unreachable";

    public Approval {
        approvers = List.copyOf(approvers);
        detail = detail == null ? "" : detail;
    }

    public static Approval unreachable(String provider, String ticket, String detail, Instant at) {
        return new Approval(provider, ticket, UNREACHABLE, null, List.of(), null, detail, at);
    }

    public boolean approved() {
        return APPROVED.equals(status);
    }

    public ObjectNode toJson() {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("provider", provider);
        json.put("ticket", ticket);
        json.put("status", status);
        json.put("ticket_status", ticketStatus);
        approvers.forEach(json.putArray("approvers")::add);
        json.put("author", author);
        json.put("detail", detail);
        json.put("checked_at", checkedAt.toString());
        return json;
    }

    public static Approval fromJson(JsonNode json) {
        List<String> approvers = new ArrayList<>();
        json.path("approvers").forEach(a -> approvers.add(a.asText()));
        return new Approval(json.path("provider").asText(), json.path("ticket").asText(), json.path("status").asText(),
                json.path("ticket_status").isNull() ? null : json.path("ticket_status").asText(null), approvers,
                json.path("author").isNull() ? null : json.path("author").asText(null), json.path("detail").asText(""),
                Instant.parse(json.path("checked_at").asText()));
    }
}
