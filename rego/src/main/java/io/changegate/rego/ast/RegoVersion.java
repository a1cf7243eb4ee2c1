package io.changegate.rego.ast;

/** The Rego dialect of a module: v1 (OPA 1.x default) or v0 (keywords only through imports). */
public enum RegoVersion {
    V0, V1
}
