package io.changegate.server.evidence;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.changegate.evidence.store.EvidenceItem;
import io.changegate.evidence.store.EvidenceItemJson;
import io.changegate.evidence.store.EvidenceRejectedException;
import io.changegate.evidence.store.EvidenceService;
import io.changegate.evidence.store.EvidenceStore;
import io.changegate.evidence.store.IngestResult;
import io.changegate.evidence.store.Submission;
import io.changegate.evidence.store.SubjectDigest;
import io.changegate.server.Access;
import io.changegate.server.ApiTokens;
import io.changegate.server.JsonResponses;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;

/** {@code /v1/evidence}: submit evidence, list it by subject, read one item and its original document. */
public final class EvidenceRoutes implements HttpService {
    /** The largest document accepted, in bytes. */
    public static final int MAX_DOCUMENT_BYTES = 128 * 1024 * 1024;

    private final EvidenceService service;
    private final Access access;

    public EvidenceRoutes(EvidenceService service, Access access) {
        this.service = service;
        this.access = access;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/", access.requiring(ApiTokens.EVIDENCE_WRITE, this::submit))
                .get("/", access.requiring(ApiTokens.EVIDENCE_READ, this::list))
                .get("/{id}", access.requiring(ApiTokens.EVIDENCE_READ, this::show))
                .get("/{id}/document", access.requiring(ApiTokens.EVIDENCE_READ, this::document));
    }

    private void submit(ServerRequest request, ServerResponse response, ApiTokens.Caller caller) throws IOException {
        Optional<byte[]> body = readBody(request, response);
        if (body.isEmpty()) {
            return;
        }
        String contentType = request.headers().first(HeaderNames.CONTENT_TYPE).orElse("");
        Submission submission;
        if (contentType.toLowerCase(java.util.Locale.ROOT).startsWith("multipart/form-data")) {
            MultipartForm form;
            try {
                form = MultipartForm.parse(contentType, body.get());
            } catch (IllegalArgumentException e) {
                JsonResponses.error(response, Status.BAD_REQUEST_400, e.getMessage(), null);
                return;
            }
            Optional<MultipartForm.Part> file = form.part("file");
            if (file.isEmpty()) {
                JsonResponses.error(response, Status.BAD_REQUEST_400,
                        "the form has no 'file' part holding the document", "file");
                return;
            }
            submission = new Submission(
                    file.get().filename() == null ? "uploaded file" : file.get().filename(),
                    file.get().content(),
                    form.part("subject").map(MultipartForm.Part::text).orElse(null),
                    form.part("name").map(MultipartForm.Part::text).orElse(null),
                    form.part("type").map(MultipartForm.Part::text).orElse(null),
                    caller.team());
        } else {
            submission = new Submission(
                    query(request, "filename").orElse("request body"),
                    body.get(),
                    query(request, "subject").orElse(null),
                    query(request, "name").orElse(null),
                    query(request, "type").orElse(null),
                    caller.team());
        }
        IngestResult result;
        try {
            result = service.submit(submission);
        } catch (EvidenceRejectedException e) {
            JsonResponses.error(response, Status.BAD_REQUEST_400, e.getMessage(), e.field());
            return;
        }
        if (result.created()) {
            response.header(HeaderNames.LOCATION, "/v1/evidence/" + result.item().id());
        }
        JsonResponses.send(response, result.created() ? Status.CREATED_201 : Status.OK_200,
                EvidenceItemJson.write(result.item(), true));
    }

    private void list(ServerRequest request, ServerResponse response, ApiTokens.Caller caller) {
        SubjectDigest subject = null;
        Optional<String> subjectText = query(request, "subject");
        if (subjectText.isPresent()) {
            try {
                subject = SubjectDigest.parse(subjectText.get());
            } catch (IllegalArgumentException e) {
                JsonResponses.error(response, Status.BAD_REQUEST_400, e.getMessage(), "subject");
                return;
            }
        }
        Long after = QueryNumbers.optional(request, response, "after", -1, Long.MAX_VALUE, -1);
        Long limit = after == null ? null : QueryNumbers.optional(request, response, "limit", 1, EvidenceStore.MAX_PAGE, 100);
        if (limit == null) {
            return;
        }
        List<EvidenceItem> items = service.store().list(subject, after, limit.intValue());
        ObjectNode body = JsonResponses.object();
        ArrayNode array = body.putArray("items");
        items.forEach(item -> array.add(EvidenceItemJson.write(item, false)));
        if (items.size() == limit) {
            body.put("next_after", items.get(items.size() - 1).leafIndex());
        } else {
            body.putNull("next_after");
        }
        JsonResponses.send(response, Status.OK_200, body);
    }

    private void show(ServerRequest request, ServerResponse response, ApiTokens.Caller caller) {
        String id = request.path().pathParameters().get("id");
        service.store().find(id).ifPresentOrElse(
                item -> JsonResponses.send(response, Status.OK_200, EvidenceItemJson.write(item, true)),
                () -> JsonResponses.error(response, Status.NOT_FOUND_404, "no evidence item with id " + id, "id"));
    }

    private void document(ServerRequest request, ServerResponse response, ApiTokens.Caller caller) {
        String id = request.path().pathParameters().get("id");
        Optional<byte[]> document = service.store().document(id);
        if (document.isEmpty()) {
            JsonResponses.error(response, Status.NOT_FOUND_404, "no evidence item with id " + id, "id");
            return;
        }
        response.header(HeaderNames.CONTENT_TYPE, "application/octet-stream");
        response.send(document.get());
    }

    /** Reads the request body up to the size limit; answers 400/413 itself and returns empty when it did. */
    private static Optional<byte[]> readBody(ServerRequest request, ServerResponse response) throws IOException {
        byte[] body;
        try (InputStream in = request.content().inputStream()) {
            body = in.readNBytes(MAX_DOCUMENT_BYTES + 1);
        }
        if (body.length > MAX_DOCUMENT_BYTES) {
            JsonResponses.error(response, Status.REQUEST_ENTITY_TOO_LARGE_413,
                    "the document is larger than " + MAX_DOCUMENT_BYTES + " bytes", "document");
            return Optional.empty();
        }
        if (body.length == 0) {
            JsonResponses.error(response, Status.BAD_REQUEST_400, "the request has no document in its body", "document");
            return Optional.empty();
        }
        return Optional.of(body);
    }

    private static Optional<String> query(ServerRequest request, String name) {
        return request.query().first(name).asOptional().filter(value -> !value.isBlank());
    }
}
