package io.changegate.rego;

/**
 * Modules parsed and compiled once, against which many queries can be prepared without
 * compiling the modules again (a test runner prepares one query per test).
 *
 * <p>Every query prepared from one instance shares its compiled rules, so they also share
 * {@link Rego.Builder#coverage(boolean)} and the base data the modules were compiled with.
 */
public interface CompiledModules {

    /**
     * Parses and plans a query against the compiled modules.
     *
     * @throws RegoException with {@code rego_parse_error}, {@code rego_unsafe_var_error}, … for the query
     */
    PreparedQuery prepare(String query) throws RegoException;
}
