/**
 * JMH benchmarks of the Rego engine in the shapes OPA benchmarks its own evaluator with.
 *
 * <p>The policies are written here from the shapes' descriptions (a trivial query, a trivial
 * policy, a deep store read, array iteration, virtual documents, comprehension indexing and
 * function argument indexing). Every benchmark prepares its query once in its setup, checks the
 * answer, and then times one evaluation per invocation.
 */
package io.changegate.benchmarks.rego;
