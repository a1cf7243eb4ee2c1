package io.changegate.evidence.store;

/** The store could not do what was asked (database unreachable, migration failed, …); the message says what. */
public final class StoreException extends RuntimeException {
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }

    public StoreException(String message) {
        super(message);
    }
}
