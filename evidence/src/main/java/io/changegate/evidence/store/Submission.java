package io.changegate.evidence.store;

/**
 * A document as a client submits it, before it is read.
 *
 * @param sourceName names the document in error messages (file name or upload name)
 * @param document   the bytes, kept byte-exact
 * @param subject    the artifact digest, e.g. {@code sha256:…}; may be null for an in-toto Statement or
 *                   envelope, whose subject then gives it
 * @param name       the artifact's name; may be null
 * @param type       the evidence type; null to take the Statement's predicateType or the detected kind
 * @param submitter  the authenticated submitter
 */
public record Submission(String sourceName, byte[] document, String subject, String name, String type,
                         String submitter) {
    public Submission {
        document = document.clone();
    }

    @Override
    public byte[] document() {
        return document.clone();
    }
}
