package io.changegate.evidence.model;

import java.util.List;

/** VEX statements, from OpenVEX or a CycloneDX VEX BOM. */
public record VexDocument(String id, String author, String role, String timestamp, String version,
                          List<VexStatement> statements) {
    public VexDocument {
        statements = List.copyOf(statements);
    }

    /**
     * One statement: the status of a vulnerability in some products.
     *
     * @param vulnerability the vulnerability identifier
     * @param products      products (purl or other IRI) with optional subcomponents
     * @param timestamp     the statement's time, else the document's
     */
    public record VexStatement(String vulnerability, List<String> aliases, List<Product> products, VexStatus status,
                               String justification, String impactStatement, String actionStatement, String timestamp) {
        public VexStatement {
            aliases = List.copyOf(aliases);
            products = List.copyOf(products);
        }
    }

    /** A product a statement is about, optionally narrowed to subcomponents. */
    public record Product(String id, List<String> subcomponents) {
        public Product {
            subcomponents = List.copyOf(subcomponents);
        }
    }
}
