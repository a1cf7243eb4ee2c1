package io.changegate.gate.governance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * The task a break-glass decision leaves behind: someone other than the person who broke the
 * glass must approve the deployment after the fact. Open until approved.
 *
 * @param id          identifier
 * @param decisionId  the decision allowed by break-glass
 * @param breakGlass  the break-glass it used
 * @param invokedBy   who broke the glass
 * @param opened      when the task was raised
 * @param approvedBy  who approved it afterwards, or null while open
 * @param approvedAt  when, or null while open
 */
public record RetroApproval(String id, String decisionId, String breakGlass, String invokedBy, Instant opened,
                            String approvedBy, Instant approvedAt) {

    public boolean open() {
        return approvedBy == null;
    }

    public ObjectNode toJson() {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("id", id);
        json.put("decision_id", decisionId);
        json.put("break_glass", breakGlass);
        json.put("invoked_by", invokedBy);
        json.put("opened", opened.toString());
        json.put("status", open() ? "open" : "approved");
        json.put("approved_by", approvedBy);
        json.put("approved_at", approvedAt == null ? null : approvedAt.toString());
        return json;
    }

    public static RetroApproval fromJson(String source, JsonNode json) {
        try {
            return new RetroApproval(ExceptionGrant.text(json, "id"), ExceptionGrant.text(json, "decision_id"),
                    ExceptionGrant.text(json, "break_glass"), ExceptionGrant.text(json, "invoked_by"),
                    ExceptionGrant.instant(json, "opened"), ExceptionGrant.text(json, "approved_by"),
                    ExceptionGrant.instant(json, "approved_at"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + ": " + e.getMessage());
        }
    }
}
