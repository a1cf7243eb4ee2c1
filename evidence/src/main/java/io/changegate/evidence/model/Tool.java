package io.changegate.evidence.model;

/** A tool that produced a document. */
public record Tool(String vendor, String name, String version) {
}
