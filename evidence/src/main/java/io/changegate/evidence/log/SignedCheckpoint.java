package io.changegate.evidence.log;

/**
 * A checkpoint together with the signed note that carries it.
 *
 * @param checkpoint the parsed tree head
 * @param note       the full signed note text, as served and as verified offline
 */
public record SignedCheckpoint(Checkpoint checkpoint, String note) {
    /** Verifies {@code note} with {@code verifier} and parses the checkpoint it carries. */
    public static SignedCheckpoint open(String note, NoteVerifier verifier) throws NoteException {
        String text = verifier.open(note);
        try {
            return new SignedCheckpoint(Checkpoint.parse(text), note);
        } catch (IllegalArgumentException e) {
            throw new NoteException(e.getMessage());
        }
    }
}
