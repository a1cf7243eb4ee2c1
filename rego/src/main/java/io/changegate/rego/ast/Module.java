package io.changegate.rego.ast;

import java.util.List;

/** A parsed Rego source file. */
public record Module(String file, RegoVersion version, Package pkg, List<Import> imports, List<Rule> rules,
                     List<Annotation> annotations, List<Comment> comments) {
    public Module {
        imports = List.copyOf(imports);
        rules = List.copyOf(rules);
        annotations = List.copyOf(annotations);
        comments = List.copyOf(comments);
    }
}
