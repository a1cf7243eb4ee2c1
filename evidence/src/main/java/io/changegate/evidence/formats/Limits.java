package io.changegate.evidence.formats;

/**
 * Bounds applied to every document before and while it is parsed, so hostile input cannot
 * exhaust memory or the stack.
 *
 * @param maxDocumentBytes largest accepted document
 * @param maxNestingDepth  deepest accepted JSON/YAML nesting or XML element depth
 * @param maxXmlElements   most XML elements accepted in one document
 */
record Limits(long maxDocumentBytes, int maxNestingDepth, int maxXmlElements) {
    static final Limits DEFAULT = new Limits(128L * 1024 * 1024, 256, 5_000_000);
}
