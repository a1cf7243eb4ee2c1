package io.changegate.evidence.log;

/** A signed note or key that is malformed, or whose signature does not verify; the message says which. */
public final class NoteException extends Exception {
    public NoteException(String message) {
        super(message);
    }
}
