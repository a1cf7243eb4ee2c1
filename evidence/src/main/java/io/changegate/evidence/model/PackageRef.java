package io.changegate.evidence.model;

/** The package a vulnerability was found in. */
public record PackageRef(String name, String version, String purl, String type) {
}
