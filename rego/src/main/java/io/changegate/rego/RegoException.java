package io.changegate.rego;

import java.util.List;
import java.util.stream.Collectors;

/** Parsing, compiling or evaluating Rego failed; carries one or more {@link RegoError}s. */
public final class RegoException extends Exception {
    private final List<RegoError> errors;

    public RegoException(List<RegoError> errors) {
        super(render(errors));
        this.errors = List.copyOf(errors);
    }

    public RegoException(RegoError error) {
        this(List.of(error));
    }

    public List<RegoError> errors() {
        return errors;
    }

    /** The code of the first error. */
    public String code() {
        return errors.isEmpty() ? "" : errors.get(0).code();
    }

    private static String render(List<RegoError> errors) {
        if (errors.size() == 1) {
            return errors.get(0).toString();
        }
        return errors.size() + " errors occurred:\n"
                + errors.stream().map(RegoError::toString).collect(Collectors.joining("\n"));
    }
}
