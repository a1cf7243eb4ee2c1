package io.changegate.constraints;

/** A template, constraint or review that is invalid; the message names the resource and field at fault. */
public final class ConstraintException extends RuntimeException {
    public ConstraintException(String message) {
        super(message);
    }
}
