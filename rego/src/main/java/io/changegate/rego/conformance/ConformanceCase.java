package io.changegate.rego.conformance;

import io.changegate.rego.value.ObjectValue;
import io.changegate.rego.value.Value;
import java.util.List;

/**
 * One case of a YAML conformance file in OPA's format ({@code cases:} in
 * {@code test/cases/testdata}), with rego-cpp's additions.
 *
 * @param file          the case file, relative to the corpus directory (with '/' separators)
 * @param index         the case's 0-based position in its file (notes are not unique)
 * @param note          the case's name
 * @param query         the Rego query
 * @param modules       the modules, named as OPA's runner names them ({@code test-<i>.rego})
 * @param data          the base document, or null for an empty one
 * @param input         the input document (from {@code input}, {@code input_path}), or null
 * @param inputTerm     the input as Rego source ({@code input_term}), or null
 * @param wantResult    the expected binding rows ({@code []} = undefined), or null
 * @param wantErrorCode the expected error code, or null
 * @param wantError     text the rendered error must contain, or null
 * @param wantDefined   only whether the query must be defined, or null
 * @param wantOutput    what {@code print} must have written, or null
 * @param strictError   evaluate with strict builtin errors
 * @param sortBindings  sort each array binding before comparing
 * @param skipReason    why the case cannot run as written, or null
 */
public record ConformanceCase(
        String file,
        int index,
        String note,
        String query,
        List<Module> modules,
        ObjectValue data,
        Value input,
        String inputTerm,
        List<ObjectValue> wantResult,
        String wantErrorCode,
        String wantError,
        Boolean wantDefined,
        String wantOutput,
        boolean strictError,
        boolean sortBindings,
        String skipReason) {

    public ConformanceCase {
        modules = List.copyOf(modules);
        wantResult = wantResult == null ? null : List.copyOf(wantResult);
    }

    /** The case's stable identifier: {@code file#index note}. */
    public String id() {
        return file + "#" + index + " " + note;
    }

    /** True when the case expects an error rather than results. */
    public boolean expectsError() {
        return wantErrorCode != null || wantError != null;
    }

    /** A module source with the file name it is compiled under. */
    public record Module(String file, String source) {
    }
}
