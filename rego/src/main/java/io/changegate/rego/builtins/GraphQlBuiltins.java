package io.changegate.rego.builtins;

import static io.changegate.rego.builtins.Builtins.fn;
import static io.changegate.rego.builtins.Type.ANY;
import static io.changegate.rego.builtins.Type.BOOLEAN;
import static io.changegate.rego.builtins.Type.STRING;
import static io.changegate.rego.builtins.Type.arrayOf;
import static io.changegate.rego.builtins.Type.objectOf;
import static io.changegate.rego.builtins.Type.oneOf;

import io.changegate.rego.value.ArrayValue;
import io.changegate.rego.value.BooleanValue;
import io.changegate.rego.value.ObjectValue;
import io.changegate.rego.value.StringValue;
import io.changegate.rego.value.Value;
import java.util.List;

/** GraphQL queries and schemas: parsing to gqlparser's AST and validation of queries against schemas. */
final class GraphQlBuiltins {
    private GraphQlBuiltins() {
    }

    private static final Type DOC = oneOf(STRING, objectOf(ANY, ANY));

    static final List<Builtin> ALL = List.of(
            fn("graphql.is_valid", List.of(DOC, DOC), BOOLEAN, (ctx, a) -> {
                if (!(a[0] instanceof StringValue q) || !(a[1] instanceof StringValue s)) {
                    return BooleanValue.FALSE;
                }
                try {
                    GraphQl.parseQuery(q.value());
                    GraphQl.validate(q.value(), GraphQl.parseSchema(s.value()));
                    return BooleanValue.TRUE;
                } catch (GraphQl.GraphQlException e) {
                    return BooleanValue.FALSE;
                }
            }),
            fn("graphql.schema_is_valid", List.of(DOC), BOOLEAN, (ctx, a) -> {
                if (!(a[0] instanceof StringValue s)) {
                    return BooleanValue.FALSE;
                }
                try {
                    GraphQl.parseSchema(s.value());
                    return BooleanValue.TRUE;
                } catch (GraphQl.GraphQlException e) {
                    return BooleanValue.FALSE;
                }
            }),
            fn("graphql.parse_query", List.of(STRING), objectOf(ANY, ANY), (ctx, a) -> {
                String fn = "graphql.parse_query";
                try {
                    return GraphQl.parseQuery(Operands.string(fn, a, 1));
                } catch (GraphQl.GraphQlException e) {
                    throw BuiltinException.error(fn + ": " + e.getMessage());
                }
            }),
            fn("graphql.parse_schema", List.of(STRING), objectOf(ANY, ANY), (ctx, a) -> {
                String fn = "graphql.parse_schema";
                try {
                    return GraphQl.parseSchema(Operands.string(fn, a, 1)).ast();
                } catch (GraphQl.GraphQlException e) {
                    throw BuiltinException.error(fn + ": " + e.getMessage());
                }
            }),
            fn("graphql.parse", List.of(DOC, DOC), arrayOf(objectOf(ANY, ANY)), (ctx, a) -> {
                String fn = "graphql.parse";
                // OPA counts these operands from 0.
                String q = document(fn, a[0], 0);
                String s = document(fn, a[1], 1);
                try {
                    ObjectValue query = GraphQl.parseQuery(q);
                    GraphQl.Schema schema = GraphQl.parseSchema(s);
                    GraphQl.validate(q, schema);
                    return ArrayValue.of(query, schema.ast());
                } catch (GraphQl.GraphQlException e) {
                    throw BuiltinException.error(fn + ": " + e.getMessage());
                }
            }),
            fn("graphql.parse_and_verify", List.of(DOC, DOC), arrayOf(ANY), (ctx, a) -> {
                ArrayValue invalid = ArrayValue.of(BooleanValue.FALSE, ObjectValue.EMPTY, ObjectValue.EMPTY);
                if (!(a[0] instanceof StringValue q) || !(a[1] instanceof StringValue s)) {
                    return invalid;
                }
                try {
                    ObjectValue query = GraphQl.parseQuery(q.value());
                    GraphQl.Schema schema = GraphQl.parseSchema(s.value());
                    GraphQl.validate(q.value(), schema);
                    return ArrayValue.of(BooleanValue.TRUE, query, schema.ast());
                } catch (GraphQl.GraphQlException e) {
                    return invalid;
                }
            }));

    private static String document(String fn, Value v, int pos) throws BuiltinException {
        if (v instanceof StringValue s) {
            return s.value();
        }
        if (v instanceof ObjectValue) {
            throw BuiltinException.error(fn + ": GraphQL documents given as AST objects are not supported");
        }
        throw Operands.mustBeOneOf(fn, pos, "{string, object}", v);
    }
}
