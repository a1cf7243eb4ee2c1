package io.changegate.rego.eval;

import io.changegate.rego.EvalOptions;
import io.changegate.rego.ExpressionValue;
import io.changegate.rego.PreparedQuery;
import io.changegate.rego.QueryResult;
import io.changegate.rego.RegoError;
import io.changegate.rego.RegoException;
import io.changegate.rego.ast.Body;
import io.changegate.rego.ast.Expr;
import io.changegate.rego.ast.Location;
import io.changegate.rego.value.ObjectValue;
import io.changegate.rego.value.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A planned query with its compiled modules; immutable, so evaluations may run concurrently. */
final class CompiledQuery implements PreparedQuery {
    private final BodyPlanner.QueryPlan plan;
    private final ObjectValue data;
    private final List<String> texts;
    private final List<Location> locations;

    CompiledQuery(BodyPlanner.QueryPlan plan, ObjectValue data, Body body, String queryText) {
        this.plan = plan;
        this.data = data;
        this.texts = expressionTexts(body, queryText);
        this.locations = body.exprs().stream().map(Expr::location).toList();
    }

    @Override
    public List<QueryResult> eval(Value input, EvalOptions options) throws RegoException {
        long now = options.nowNanos() != null ? options.nowNanos()
                : java.time.Instant.now().getEpochSecond() * 1_000_000_000L + java.time.Instant.now().getNano();
        EvalContext c = new EvalContext(input, data, options.strictBuiltinErrors(), now, options.print(),
                options.coverage());
        Frame f = new Frame(plan.frameSize());
        List<QueryResult> results = new ArrayList<>();
        Cont collect = () -> {
            List<ExpressionValue> exprs = new ArrayList<>(texts.size());
            for (int i = 0; i < plan.exprSlots().length; i++) {
                exprs.add(new ExpressionValue(f.slots[plan.exprSlots()[i]], texts.get(i), locations.get(i)));
            }
            ObjectValue.Builder b = ObjectValue.builder();
            for (Map.Entry<String, Integer> e : plan.bindings().entrySet()) {
                Value v = f.slots[e.getValue()];
                if (v != null) {
                    b.put(e.getKey(), v);
                }
            }
            results.add(new QueryResult(exprs, b.build()));
            return true;
        };
        try {
            if (plan.body() == null) {
                collect.run();
            } else {
                plan.body().eval(c, f, collect);
            }
        } catch (EvalException e) {
            throw new RegoException(e.error);
        } catch (StackOverflowError e) {
            throw new RegoException(new RegoError("eval_internal_error",
                    "evaluation exceeded the maximum nesting depth", null));
        }
        return results;
    }

    /** The source text of each query expression, as opa eval reports it. */
    private static List<String> expressionTexts(Body body, String query) {
        List<Expr> exprs = body.exprs();
        String[] lines = query.split("\n", -1);
        List<Integer> offsets = new ArrayList<>();
        for (Expr e : exprs) {
            offsets.add(offset(lines, e.location()));
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < exprs.size(); i++) {
            int start = Math.max(0, Math.min(offsets.get(i), query.length()));
            int end = i + 1 < exprs.size() ? Math.max(start, Math.min(offsets.get(i + 1), query.length())) : query.length();
            String t = query.substring(start, end).strip();
            while (t.endsWith(";")) {
                t = t.substring(0, t.length() - 1).strip();
            }
            out.add(t);
        }
        return out;
    }

    private static int offset(String[] lines, Location loc) {
        int off = 0;
        for (int r = 1; r < loc.row() && r <= lines.length; r++) {
            off += lines[r - 1].length() + 1;
        }
        return off + Math.max(0, loc.col() - 1);
    }
}
