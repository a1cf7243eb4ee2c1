package io.changegate.rego.parser;

import io.changegate.rego.RegoError;
import io.changegate.rego.ast.Body;
import io.changegate.rego.ast.Expr;
import io.changegate.rego.ast.Import;
import io.changegate.rego.ast.Location;
import io.changegate.rego.ast.Package;
import io.changegate.rego.ast.RegoVersion;
import io.changegate.rego.ast.Term;
import io.changegate.rego.value.BooleanValue;
import io.changegate.rego.value.NullValue;
import io.changegate.rego.value.NumberValue;
import io.changegate.rego.value.StringValue;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

/**
 * The recursive-descent parser behind {@link Parser}: turns tokens into statements.
 *
 * <p>It follows OPA's parser closely — the same alternatives tried in the same order, the same
 * backtracking points and the same error texts — because users compare our errors with OPA's.
 * Backtracking restores a small {@link State}; a cache of parsed terms keyed by position (as in
 * OPA) keeps retries linear. Nesting is limited so hostile input cannot exhaust the stack.
 */
final class RegoParser {
    /** Deepest bracket nesting accepted. */
    static final int MAX_NESTING = 1000;
    /** Bound on recursive descent frames, a safety net behind {@link #MAX_NESTING}. */
    private static final int MAX_FRAMES = 40_000;
    static final String PARSE_ERROR = "rego_parse_error";

    private final Lexer lx;
    final RegoVersion version;
    private final boolean skipRules;
    /** Future keywords currently reserved (v1: all of them; v0: those imported). */
    private final EnumSet<Tok> future = EnumSet.noneOf(Tok.class);
    /** True once {@code import rego.v1} was seen in a v0 module: v1's rule checks then apply. */
    boolean regoV1Import;

    // Backtrackable state.
    private int p;
    private boolean atWs;
    private boolean forceIdent;
    final List<RegoError> errors = new ArrayList<>();
    private List<String> hints = List.of();

    private int frames;
    private final List<CacheEntry> cache = new ArrayList<>();

    private record State(int p, boolean atWs, boolean forceIdent, int errorCount, List<String> hints) {
    }

    private record CacheEntry(int index, boolean forceIdent, Term term, State post, List<RegoError> addedErrors) {
    }

    sealed interface Stmt {
        Location location();
    }

    record PkgStmt(Package pkg) implements Stmt {
        public Location location() {
            return pkg.location();
        }
    }

    record ImportStmt(Import imp) implements Stmt {
        public Location location() {
            return imp.location();
        }
    }

    record RuleStmt(Draft rule) implements Stmt {
        public Location location() {
            return rule.loc;
        }
    }

    record BodyStmt(Body body) implements Stmt {
        public Location location() {
            return body.exprs().get(0).location();
        }
    }

    /** A rule while it is being parsed; it also keeps what OPA's v1 checks need to know. */
    static final class Draft {
        Location loc;
        boolean isDefault;
        List<Term> ref;
        Location refLoc;
        List<Term> args;
        Term key;
        Term value;
        boolean generatedValue;
        boolean assign;
        Location headLoc;
        Body body;
        boolean generatedBody;
        boolean hasIf;
        boolean hasContains;
        Draft elseRule;

        Draft copyHead() {
            Draft d = new Draft();
            d.ref = ref;
            d.refLoc = refLoc;
            d.args = args;
            d.key = key;
            d.value = value;
            d.generatedValue = generatedValue;
            d.assign = assign;
            d.headLoc = headLoc;
            return d;
        }

        boolean isMultiValue() {
            return key != null && value == null;
        }
    }

    RegoParser(Lexer lx, RegoVersion version, boolean skipRules) {
        this.lx = lx;
        this.version = version;
        this.skipRules = skipRules;
        if (version == RegoVersion.V1) {
            future.addAll(EnumSet.of(Tok.IN, Tok.EVERY, Tok.CONTAINS, Tok.IF));
        }
    }

    // ---------------------------------------------------------------------------------------
    // Tokens and state

    private Tok tok() {
        if (atWs) {
            return Tok.WHITESPACE;
        }
        Tok k = lx.kinds[p];
        if (k == Tok.IDENT && !forceIdent) {
            Tok kw = lx.keywords[p];
            if (kw != null && (!kw.isFutureKeyword() || future.contains(kw))) {
                return kw;
            }
        }
        return k;
    }

    private Tok tokAt(int i) {
        Tok k = lx.kinds[i];
        if (k == Tok.IDENT) {
            Tok kw = lx.keywords[i];
            if (kw != null && (!kw.isFutureKeyword() || future.contains(kw))) {
                return kw;
            }
        }
        return k;
    }

    private String lit() {
        return lx.text(p);
    }

    Location loc() {
        if (atWs) {
            return wsLocation(p);
        }
        return lx.location(p);
    }

    /** Where the whitespace before token i starts: just after the previous token. */
    private Location wsLocation(int i) {
        if (i == 0) {
            return new Location(lx.file, 1, 1);
        }
        int prev = i - 1;
        String text = lx.text(prev);
        int row = lx.rows[prev];
        int col = lx.cols[prev];
        for (int j = 0; j < text.length(); j++) {
            char c = text.charAt(j);
            if (c == '\n') {
                row++;
                col = 0;
            } else if (!Character.isLowSurrogate(c)) {
                col++;
            }
        }
        return new Location(lx.file, row, col + 1);
    }

    private boolean nlBefore() {
        return (lx.flags[p] & Lexer.NL_BEFORE) != 0;
    }

    /** OPA's scan: moves to the next token, skipping whitespace. */
    private void scan() {
        if (atWs) {
            atWs = false;
            return;
        }
        step();
    }

    /** OPA's scanWS: moves to the next token but reports whitespace before it as a token of its own. */
    private void scanWS() {
        if (atWs) {
            atWs = false;
            return;
        }
        step();
        atWs = (lx.flags[p] & Lexer.WS_BEFORE) != 0;
    }

    private void step() {
        forceIdent = false;
        if (p < lx.count - 1) {
            p++;
        }
        List<String> scanErrors = lx.errors.get(p);
        if (scanErrors != null) {
            for (String m : scanErrors) {
                error(lx.location(p), m);
            }
        }
    }

    private State save() {
        return new State(p, atWs, forceIdent, errors.size(), hints);
    }

    private void restore(State s) {
        p = s.p;
        atWs = s.atWs;
        forceIdent = s.forceIdent;
        while (errors.size() > s.errorCount) {
            errors.remove(errors.size() - 1);
        }
        hints = s.hints;
    }

    private boolean enter() {
        frames++;
        if (frames > MAX_FRAMES) {
            error(loc(), "max parsing recursion depth exceeded");
            frames--;
            return false;
        }
        return true;
    }

    private void leave() {
        frames--;
    }

    void error(Location at, String reason) {
        String msg = reason;
        if (!hints.isEmpty()) {
            msg = reason + (hints.size() == 1 ? " (hint: " + hints.get(0) + ")" : " (hints: " + String.join(", ", hints) + ")");
            hints = List.of();
        }
        errors.add(new RegoError(PARSE_ERROR, msg, at));
    }

    private void hint(String h) {
        List<String> next = new ArrayList<>(hints);
        next.add(h);
        hints = List.copyOf(next);
    }

    private void illegal(String note) {
        Tok t = tok();
        if (t == Tok.ILLEGAL) {
            error(loc(), "illegal token");
            return;
        }
        String kind = t.isKeyword() ? "keyword" : "token";
        if (note.isEmpty()) {
            error(loc(), "unexpected " + t.display + " " + kind);
        } else {
            error(loc(), "unexpected " + t.display + " " + kind + ": " + note);
        }
    }

    private void illegalToken() {
        illegal("");
    }

    /** With keywords allowed in refs, every reserved word can be a ref segment. */
    private boolean isAllowedRefKeyword(Tok t) {
        return t.isKeyword();
    }

    private boolean isIdentOrAllowedRefKeyword() {
        Tok t = tok();
        if (t == Tok.IDENT) {
            return true;
        }
        if (isAllowedRefKeyword(t)) {
            forceIdent = true;
            return true;
        }
        return false;
    }

    /** A keyword directly followed by {@code .} or {@code [} starts a ref, as in {@code input.if}. */
    private boolean scanAheadRef() {
        if (isAllowedRefKeyword(tok()) && p + 1 < lx.count) {
            int n = p + 1;
            boolean ws = (lx.flags[n] & Lexer.WS_BEFORE) != 0;
            Tok next = lx.kinds[n];
            if (!ws && (next == Tok.DOT || next == Tok.LBRACK)) {
                forceIdent = true;
                return true;
            }
        }
        return false;
    }

    // ---------------------------------------------------------------------------------------
    // Statements

    List<Stmt> parseStatements() {
        List<Stmt> stmts = new ArrayList<>();
        int depthError = checkNesting();
        if (depthError >= 0) {
            error(lx.location(depthError), "max parsing recursion depth exceeded");
            return stmts;
        }
        p = 0;
        List<String> first = lx.errors.get(0);
        if (first != null) {
            for (String m : first) {
                error(lx.location(0), m);
            }
        }
        while (tok() != Tok.EOF) {
            State s = save();
            Package pkg = parsePackage();
            if (pkg != null) {
                stmts.add(new PkgStmt(pkg));
                continue;
            } else if (!errors.isEmpty()) {
                break;
            }
            restore(s);
            s = save();
            Import imp = parseImport();
            if (imp != null) {
                Term root = imp.path().head();
                if (root instanceof Term.Var v && v.name().equals("rego")) {
                    regoV1Import(imp);
                }
                if (root instanceof Term.Var v && v.name().equals("future")) {
                    futureImport(imp);
                }
                stmts.add(new ImportStmt(imp));
                continue;
            } else if (!errors.isEmpty()) {
                break;
            }
            restore(s);
            if (!skipRules) {
                s = save();
                List<Draft> rules = parseRules();
                if (rules != null) {
                    for (Draft d : rules) {
                        stmts.add(new RuleStmt(d));
                    }
                    continue;
                } else if (!errors.isEmpty()) {
                    break;
                }
                restore(s);
            }
            if (!skipRules) {
                keywordRuleName();
            }
            Body body = parseQuery(true, Tok.EOF);
            if (body != null) {
                stmts.add(new BodyStmt(body));
                continue;
            }
            break;
        }
        return stmts;
    }

    /** Index of the first token nested deeper than {@link #MAX_NESTING}, or -1. */
    private int checkNesting() {
        int depth = 0;
        for (int i = 0; i < lx.count; i++) {
            switch (lx.kinds[i]) {
                case LBRACK, LBRACE, LPAREN -> {
                    if (++depth > MAX_NESTING) {
                        return i;
                    }
                }
                case RBRACK, RBRACE, RPAREN -> depth = Math.max(0, depth - 1);
                default -> {
                }
            }
        }
        return -1;
    }

    private Package parsePackage() {
        if (tok() != Tok.PACKAGE) {
            return null;
        }
        Location at = loc();
        scanWS();
        if (tok() == Tok.DOT || tok() == Tok.LBRACK) {
            return null;
        }
        if (tok() == Tok.WHITESPACE) {
            scan();
        }
        if (!isIdentOrAllowedRefKeyword()) {
            illegalToken();
            return null;
        }
        Term term = parseTerm();
        List<Term> path = null;
        if (term != null) {
            switch (term) {
                case Term.Var v -> path = List.of(new Term.Var("data", v.location()),
                        new Term.Scalar(StringValue.of(v.name()), v.location()));
                case Term.Ref r -> {
                    path = new ArrayList<>();
                    Term head = r.head();
                    path.add(new Term.Var("data", head.location()));
                    if (!(head instanceof Term.Var hv)) {
                        error(head.location(), "unexpected " + valueName(head) + " token: expecting var");
                        return null;
                    }
                    path.add(new Term.Scalar(StringValue.of(hv.name()), head.location()));
                    for (int i = 1; i < r.parts().size(); i++) {
                        Term part = r.parts().get(i);
                        if (!isString(part)) {
                            error(part.location(), "unexpected " + valueName(part) + " token: expecting string");
                            return null;
                        }
                        path.add(part);
                    }
                }
                default -> {
                    illegalToken();
                    return null;
                }
            }
        }
        if (path == null) {
            if (errors.isEmpty()) {
                error(loc(), "expected path");
            }
            return null;
        }
        return new Package(new Term.Ref(path, path.get(0).location()), at);
    }

    private Import parseImport() {
        if (tok() != Tok.IMPORT) {
            return null;
        }
        Location at = loc();
        scanWS();
        if (tok() == Tok.DOT || tok() == Tok.LBRACK) {
            return null;
        }
        if (tok() == Tok.WHITESPACE) {
            scan();
        }
        if (!isIdentOrAllowedRefKeyword()) {
            illegalToken();
            return null;
        }
        // Import paths are parsed without future keywords, so `import future.keywords.in` works.
        EnumSet<Tok> saved = EnumSet.copyOf(future.isEmpty() ? EnumSet.of(Tok.EOF) : future);
        saved.remove(Tok.EOF);
        future.clear();
        List<CacheEntry> savedCache = new ArrayList<>(cache);
        cache.clear();
        Term term = parseTerm();
        future.addAll(saved);
        cache.clear();
        cache.addAll(savedCache);
        Term.Ref path = null;
        if (term != null) {
            switch (term) {
                case Term.Var v -> path = new Term.Ref(List.of(v), v.location());
                case Term.Ref r -> {
                    for (int i = 1; i < r.parts().size(); i++) {
                        if (!isString(r.parts().get(i))) {
                            error(r.parts().get(i).location(), "unexpected " + valueName(r.parts().get(i)) + " token: expecting string");
                            return null;
                        }
                    }
                    path = r;
                }
                default -> {
                }
            }
        }
        if (path == null) {
            error(loc(), "expected path");
            return null;
        }
        Term root = path.head();
        String rootName = root instanceof Term.Var v ? v.name() : null;
        if (!"data".equals(rootName) && !"input".equals(rootName) && !"future".equals(rootName) && !"rego".equals(rootName)) {
            hint("if this is unexpected, try updating OPA");
            error(path.location(), "unexpected import path, must begin with one of: {data, future, input, rego}, got: "
                    + RegoPrinter.print(root));
            return null;
        }
        if (tok() == Tok.AS) {
            scan();
            if (tok() != Tok.IDENT) {
                illegal("expected var");
                return null;
            }
            Term alias = parseTerm();
            if (alias instanceof Term.Var av) {
                return new Import(path, av.name(), at);
            }
            illegal("expected var");
            return null;
        }
        List<Term> parts = path.parts();
        if (parts.size() == 1) {
            String name = ((Term.Var) parts.get(0)).name();
            if (isKeywordInVersion(name)) {
                error(parts.get(0).location(), "unexpected import path, must not end with a keyword, got: " + name);
                hint("import a different path or use an alias");
            }
        } else if (!"future".equals(rootName)) {
            Term last = parts.get(parts.size() - 1);
            String name = ((StringValue) ((Term.Scalar) last).value()).value();
            if (isKeywordInVersion(name)) {
                error(last.location(), "unexpected import path, must not end with a keyword, got: " + name);
                hint("import a different path or use an alias");
            }
        }
        return new Import(path, null, at);
    }

    private boolean isKeywordInVersion(String name) {
        Tok kw = Tok.keyword(name);
        return kw != null && (version == RegoVersion.V1 || !kw.isFutureKeyword());
    }

    /** Whether {@code not { … }} bodies are enabled (future.keywords.not or rego.v2). */
    private boolean notBlocks;

    private void futureImport(Import imp) {
        List<Term> path = imp.path().parts();
        if (path.size() == 3 && path.get(2) instanceof Term.Scalar nsc && nsc.value() instanceof StringValue nsv
                && nsv.value().equals("not") && imp.alias() == null) {
            notBlocks = true;
            return;
        }
        if (path.size() == 1 || !isStringValue(path.get(1), "keywords")) {
            error(imp.path().location(), "invalid import, must be `future.keywords`");
            return;
        }
        if (imp.alias() != null) {
            error(imp.path().location(), "`future` imports cannot be aliased");
            return;
        }
        List<Tok> kws = List.of(Tok.CONTAINS, Tok.EVERY, Tok.IF, Tok.IN);
        if (path.size() == 3) {
            if (!(path.get(2) instanceof Term.Scalar sc && sc.value() instanceof StringValue sv)) {
                error(imp.path().location(), "invalid import, must be `future.keywords.x`, e.g. `import future.keywords.in`");
                return;
            }
            Tok kw = Tok.keyword(sv.value());
            if (kw == null || !kw.isFutureKeyword()) {
                error(imp.path().location(), "unexpected keyword, must be one of [contains every if in]");
                return;
            }
            kws = List.of(kw);
        }
        for (Tok kw : kws) {
            future.add(kw);
            if (kw == Tok.EVERY) {
                future.add(Tok.IN); // importing 'every' also reserves 'in'
            }
        }
        cache.clear();
    }

    private void regoV1Import(Import imp) {
        List<Term> path = imp.path().parts();
        if (path.size() == 2 && isStringValue(path.get(1), "v2") && imp.alias() == null) {
            // rego.v2 is v1 plus negated bodies.
            notBlocks = true;
            if (version != RegoVersion.V1) {
                regoV1Import = true;
                future.addAll(EnumSet.of(Tok.IN, Tok.EVERY, Tok.CONTAINS, Tok.IF));
                cache.clear();
            }
            return;
        }
        if (path.size() != 2 || !isStringValue(path.get(1), "v1")) {
            error(imp.path().location(), "invalid import `" + RegoPrinter.print(imp.path()) + "`, must be `rego.v1`");
            return;
        }
        if (version == RegoVersion.V1) {
            return;
        }
        if (imp.alias() != null) {
            error(imp.path().location(), "`rego` imports cannot be aliased");
            return;
        }
        regoV1Import = true;
        future.addAll(EnumSet.of(Tok.IN, Tok.EVERY, Tok.CONTAINS, Tok.IF));
        cache.clear();
    }

    // ---------------------------------------------------------------------------------------
    // Rules

    private List<Draft> parseRules() {
        Draft rule = new Draft();
        rule.loc = loc();
        scanAheadRef();
        if (tok() == Tok.DEFAULT) {
            scan();
            rule.isDefault = true;
            scanAheadRef();
        }
        keywordRuleName();
        if (tok() != Tok.IDENT) {
            return null;
        }
        if (!parseHead(rule)) {
            return null;
        }
        if (rule.isDefault) {
            if (!validateDefaultRuleValue(rule)) {
                return null;
            }
            if (rule.args != null && !rule.args.isEmpty() && !validateDefaultRuleArgs(rule)) {
                return null;
            }
            rule.body = trueBody(rule.loc);
            rule.generatedBody = true;
            return List.of(rule);
        }
        boolean hasIf = tok() == Tok.IF;
        boolean usesContains = rule.hasContains;
        if (hasIf && !usesContains && rule.ref.size() == 2) {
            Term v = rule.ref.get(1);
            if ((!isGround(v) || v instanceof Term.Ref) && rule.args == null) {
                rule.key = v;
            }
            if (rule.value == null) {
                rule.generatedValue = true;
                rule.value = new Term.Scalar(BooleanValue.TRUE, rule.headLoc);
            } else if (!(rule.ref.get(0) instanceof Term.Var)) {
                return null;
            }
        }
        if (!hasIf && !usesContains && rule.args == null && rule.ref.size() == 2) {
            if (!(rule.ref.get(0) instanceof Term.Var)) {
                return null;
            }
            rule.key = rule.ref.get(1);
            if (rule.value == null) {
                rule.ref = List.of(rule.ref.get(0));
            }
        }
        boolean braces = false;
        if (hasIf) {
            rule.hasIf = true;
            scan();
            State s = save();
            Expr expr = parseLiteral();
            if (expr != null && !isSetLiteral(expr)) {
                rule.body = new Body(List.of(expr), expr.location());
            } else {
                // Not a single expression: expect `{ BODY }` (`p if { true }` is not a set).
                restore(s);
                braces = true;
            }
        } else if (tok() == Tok.LBRACE) {
            braces = true;
        } else if (usesContains) {
            rule.body = trueBody(rule.loc);
            rule.generatedBody = true;
            rule.loc = rule.headLoc;
            return List.of(rule);
        } else {
            return null;
        }
        if (braces) {
            Location bodyLoc = loc();
            scan();
            Body body = parseBody(Tok.RBRACE, bodyLoc);
            if (body == null) {
                return null;
            }
            rule.body = body;
            scan();
        }
        if (tok() == Tok.ELSE && !scanAheadRef()) {
            if (rule.ref.size() > 1 && !isGroundRef(rule.ref)) {
                error(loc(), "else keyword cannot be used on rules with variables in head");
                return null;
            }
            if (rule.key != null) {
                error(loc(), "else keyword cannot be used on multi-value rules");
                return null;
            }
            rule.elseRule = parseElse(rule);
            if (rule.elseRule == null) {
                return null;
            }
        }
        List<Draft> rules = new ArrayList<>();
        rules.add(rule);
        while (tok() == Tok.LBRACE) {
            if (rule.elseRule != null) {
                error(loc(), "expected else keyword");
                return null;
            }
            Location at = loc();
            scan();
            Body body = parseBody(Tok.RBRACE, at);
            if (body == null) {
                return null;
            }
            scan();
            Draft next = rule.copyHead();
            next.loc = at;
            next.body = body;
            next.hasIf = rule.hasIf;
            next.hasContains = rule.hasContains;
            rules.add(next);
        }
        return rules;
    }

    /**
     * A reserved word directly assigned to ({@code every := 1}) is read as a rule name, so that
     * the v1 checks can report "every keyword cannot be used for rule name" as OPA 1.9 does.
     */
    private void keywordRuleName() {
        Tok t = tok();
        if (t.isKeyword() && t != Tok.PACKAGE && t != Tok.IMPORT && t != Tok.DEFAULT && p + 1 < lx.count) {
            Tok next = lx.kinds[p + 1];
            if (next == Tok.ASSIGN || next == Tok.UNIFY) {
                forceIdent = true;
            }
        }
    }

    private static boolean isSetLiteral(Expr e) {
        return e.kind() instanceof Expr.TermExpr te && te.term() instanceof Term.SetTerm && !e.negated() && e.withs().isEmpty();
    }

    /** Parses an {@code else} chain iteratively, so long chains cannot exhaust the stack. */
    private Draft parseElse(Draft head) {
        List<Draft> chain = new ArrayList<>();
        while (true) {
            Draft rule = head.copyHead();
            rule.key = null;
            rule.value = null;
            rule.generatedValue = false;
            rule.assign = false;
            rule.loc = loc();
            rule.headLoc = loc();
            scan();
            switch (tok()) {
                case LBRACE, IF -> {
                    rule.generatedValue = true;
                    rule.value = new Term.Scalar(BooleanValue.TRUE, rule.loc);
                }
                case ASSIGN, UNIFY -> {
                    rule.assign = tok() == Tok.ASSIGN;
                    scan();
                    rule.value = parseTermInfixCall();
                    if (rule.value == null) {
                        return null;
                    }
                }
                default -> {
                    illegal("expected else value term or rule body");
                    return null;
                }
            }
            chain.add(rule);
            boolean hasIf = tok() == Tok.IF;
            boolean hasBrace = tok() == Tok.LBRACE;
            if (!hasIf && !hasBrace) {
                rule.body = trueBody(rule.loc);
                rule.generatedBody = true;
                break;
            }
            if (hasIf) {
                rule.hasIf = true;
                scan();
            }
            if (tok() == Tok.LBRACE) {
                Location at = loc();
                scan();
                Body body = parseBody(Tok.RBRACE, at);
                if (body == null) {
                    return null;
                }
                rule.body = body;
                scan();
            } else if (tok() != Tok.EOF) {
                Expr expr = parseLiteral();
                if (expr == null) {
                    return null;
                }
                rule.body = new Body(List.of(expr), rule.loc);
            } else {
                illegal("rule body expected");
                return null;
            }
            if (tok() != Tok.ELSE) {
                break;
            }
        }
        for (int i = chain.size() - 2; i >= 0; i--) {
            chain.get(i).elseRule = chain.get(i + 1);
        }
        return chain.get(0);
    }

    private boolean parseHead(Draft rule) {
        Location at = loc();
        rule.headLoc = at;
        Term term = parseVar();
        Term ref = parseHeadFinish(term);
        if (ref == null) {
            illegal("expected rule head name");
            return false;
        }
        switch (ref) {
            case Term.Var v -> {
                rule.ref = List.of(v);
                rule.refLoc = v.location();
            }
            case Term.Ref r -> {
                rule.ref = r.parts();
                rule.refLoc = r.location();
            }
            case Term.Call c -> {
                Term.Ref op = c.operator();
                if (!(op.head() instanceof Term.Var)) {
                    illegal("rule head ref " + RegoPrinter.print(op) + " invalid");
                    return false;
                }
                rule.ref = op.parts();
                rule.refLoc = op.location();
                rule.args = c.args();
            }
            default -> {
                return false;
            }
        }
        String name = RegoPrinter.print(new Term.Ref(rule.ref, at));
        switch (tok()) {
            case CONTAINS -> {
                if (rule.args != null) {
                    illegal("the contains keyword can only be used with multi-value rule definitions (e.g., "
                            + name + " contains <VALUE> { ... })");
                }
                scan();
                rule.key = parseTermInfixCall();
                if (rule.key == null) {
                    illegal("expected rule key term (e.g., " + name + " contains <VALUE> { ... })");
                }
                rule.hasContains = true;
                return true;
            }
            case UNIFY -> {
                scan();
                rule.value = parseTermInfixCall();
                if (rule.value == null) {
                    illegal("expected rule value term (e.g., " + name + "[<nil>] = <VALUE> { ... })");
                }
            }
            case ASSIGN -> {
                scan();
                rule.assign = true;
                rule.value = parseTermInfixCall();
                if (rule.value == null) {
                    if (rule.args != null && !rule.args.isEmpty()) {
                        illegal("expected function value term (e.g., " + name + "(...) := <VALUE> { ... })");
                    } else if (rule.isDefault) {
                        illegal("expected default rule value term (e.g., default " + name + " := <VALUE>)");
                    } else {
                        illegal("expected rule value term (e.g., " + name + " := <VALUE> { ... })");
                    }
                }
            }
            default -> {
            }
        }
        if (rule.value == null && rule.key == null && (rule.ref.size() != 2 || (rule.args != null && !rule.args.isEmpty()))) {
            rule.generatedValue = true;
            rule.value = new Term.Scalar(BooleanValue.TRUE, at);
        }
        return true;
    }

    private Term parseHeadFinish(Term head) {
        scanWS();
        switch (tok()) {
            case ADD, SUB, MUL, QUO, REM, AND, OR, EQUAL, NEQ, GT, GTE, LT, LTE -> illegalToken();
            case WHITESPACE -> scan();
            default -> {
            }
        }
        switch (tok()) {
            case LPAREN, DOT, LBRACK -> {
                return parseRef(head);
            }
            case WHITESPACE -> scan();
            default -> {
            }
        }
        return rootRef(head);
    }

    private boolean validateDefaultRuleValue(Draft rule) {
        if (rule.value == null) {
            error(rule.loc, "illegal default rule (must have a value)");
            return false;
        }
        int before = errors.size();
        checkDefaultValue(rule.value, rule.loc);
        return errors.size() == before;
    }

    private void checkDefaultValue(Term t, Location at) {
        switch (t) {
            case Term.Ref r -> error(at, "illegal default rule (value cannot contain ref)");
            case Term.Var v -> error(at, "illegal default rule (value cannot contain var)");
            case Term.Call c -> error(at, "illegal default rule (value cannot contain call)");
            case Term.ArrayTerm a -> a.elements().forEach(e -> checkDefaultValue(e, at));
            case Term.SetTerm s -> s.elements().forEach(e -> checkDefaultValue(e, at));
            case Term.ObjectTerm o -> o.entries().forEach(e -> {
                checkDefaultValue(e.key(), at);
                checkDefaultValue(e.value(), at);
            });
            default -> {
            }
        }
    }

    private boolean validateDefaultRuleArgs(Draft rule) {
        List<String> seen = new ArrayList<>();
        for (Term arg : rule.args) {
            if (arg instanceof Term.Var v) {
                if (!v.isWildcard() && seen.contains(v.name())) {
                    error(rule.loc, "illegal default rule (arguments cannot be repeated " + v.name() + ")");
                    return false;
                }
                seen.add(v.name());
            } else {
                error(rule.loc, "illegal default rule (arguments cannot contain " + valueName(arg) + ")");
                return false;
            }
        }
        return true;
    }

    // ---------------------------------------------------------------------------------------
    // Bodies and expressions

    private Body parseBody(Tok end, Location at) {
        if (!enter()) {
            return null;
        }
        try {
            Body b = parseQuery(false, end);
            return b == null ? null : new Body(b.exprs(), at);
        } finally {
            leave();
        }
    }

    Body parseQuery(boolean requireSemi, Tok end) {
        Location at = loc();
        if (tok() == end) {
            error(loc(), "found empty body");
            return null;
        }
        List<Expr> exprs = new ArrayList<>();
        while (true) {
            Expr expr = parseLiteral();
            if (expr == null) {
                return null;
            }
            exprs.add(expr);
            if (tok() == Tok.SEMICOLON) {
                scan();
                continue;
            }
            if (tok() == end || requireSemi) {
                return new Body(exprs, at);
            }
            if (!nlBefore()) {
                if (errors.isEmpty()) {
                    illegal("expected \\n or ; or " + end.display);
                }
                return null;
            }
        }
    }

    private Expr parseLiteral() {
        Location at = loc();
        if (isAllowedRefKeyword(tok()) && nextIsAdjacent(Tok.DOT, Tok.LBRACK)) {
            forceIdent = true;
            return parseLiteralExpr(false, at);
        }
        boolean negated = false;
        if (tok() == Tok.NOT && !nextIsAdjacent(Tok.DOT, Tok.LBRACK)) {
            scan();
            negated = true;
        }
        if (negated && notBlocks && tok() == Tok.LBRACE) {
            Location bodyAt = loc();
            scan();
            Body body = parseBody(Tok.RBRACE, bodyAt);
            if (body == null) {
                return null;
            }
            if (tok() != Tok.RBRACE) {
                illegal("expected }");
                return null;
            }
            scan();
            return new Expr(new Expr.Block(body), true, List.of(), at);
        }
        switch (tok()) {
            case SOME -> {
                if (negated) {
                    illegal("illegal negation of 'some'");
                    return null;
                }
                return parseSome(at);
            }
            case EVERY -> {
                if (negated) {
                    illegal("illegal negation of 'every'");
                    return null;
                }
                return parseEvery(at);
            }
            default -> {
                return parseLiteralExpr(negated, at);
            }
        }
    }

    /** True when the token after the current one is one of the kinds, with no whitespace between. */
    private boolean nextIsAdjacent(Tok a, Tok b) {
        if (atWs || p + 1 >= lx.count) {
            return false;
        }
        int n = p + 1;
        if ((lx.flags[n] & Lexer.WS_BEFORE) != 0) {
            return false;
        }
        Tok k = lx.kinds[n];
        return k == a || k == b;
    }

    private Expr parseLiteralExpr(boolean negated, Location at) {
        Expr.Kind kind = parseExpr();
        if (kind == null) {
            return null;
        }
        List<Expr.With> withs = List.of();
        if (tok() == Tok.WITH) {
            withs = parseWith();
            if (withs == null) {
                return null;
            }
        }
        return new Expr(kind, negated, withs, at);
    }

    private List<Expr.With> parseWith() {
        List<Expr.With> withs = new ArrayList<>();
        while (true) {
            Location at = loc();
            scan();
            if (tok() != Tok.IDENT) {
                illegal("expected ident");
                return null;
            }
            Term target = parseTerm();
            if (target == null) {
                return null;
            }
            if (!(target instanceof Term.Ref) && !(target instanceof Term.Var)) {
                illegal("expected with target path");
            }
            if (tok() != Tok.AS) {
                illegal("expected as keyword");
                return null;
            }
            scan();
            Term value = parseTermInfixCall();
            if (value == null) {
                return null;
            }
            Term.Ref ref = target instanceof Term.Ref r ? r : new Term.Ref(List.of(target), target.location());
            withs.add(new Expr.With(ref, value, at));
            if (tok() != Tok.WITH) {
                return withs;
            }
        }
    }

    private Expr parseSome(Location at) {
        State s = save();
        scan();
        Term term = parseTermInfixCall();
        if (term instanceof Term.Call call) {
            String op = opName(call);
            Expr.Kind kind;
            if (op.equals("internal.member_2")) {
                if (call.args().size() != 2) {
                    illegal("illegal domain");
                    return null;
                }
                kind = new Expr.SomeIn(null, call.args().get(0), call.args().get(1));
            } else if (op.equals("internal.member_3")) {
                if (call.args().size() != 3) {
                    illegal("illegal domain");
                    return null;
                }
                kind = new Expr.SomeIn(call.args().get(0), call.args().get(1), call.args().get(2));
            } else {
                illegal("expected `x in xs` or `x, y in xs` expression");
                return null;
            }
            List<Expr.With> withs = List.of();
            if (tok() == Tok.WITH) {
                withs = parseWith();
                if (withs == null) {
                    return null;
                }
            }
            return new Expr(kind, false, withs, at);
        }
        restore(s);
        if (!future.contains(Tok.IN) && version == RegoVersion.V0) {
            inHint(s);
        }
        List<Term.Var> vars = new ArrayList<>();
        while (true) {
            scan();
            if (tok() != Tok.IDENT) {
                illegal("expected var");
                return null;
            }
            vars.add((Term.Var) parseVar());
            scan();
            if (tok() != Tok.COMMA) {
                break;
            }
        }
        return new Expr(new Expr.SomeVars(vars), false, List.of(), at);
    }

    /** In v0 without the import, `some x in xs` fails; OPA then hints at the missing import. */
    private void inHint(State s) {
        future.add(Tok.IN);
        List<CacheEntry> savedCache = new ArrayList<>(cache);
        cache.clear();
        scan();
        Term t = parseTermInfixCall();
        boolean hint = t instanceof Term.Call c && opName(c).startsWith("internal.member_");
        future.remove(Tok.IN);
        cache.clear();
        cache.addAll(savedCache);
        restore(s);
        if (hint) {
            hint("`import future.keywords.in` for `some x in xs` expressions");
        }
    }

    private Expr parseEvery(Location at) {
        scan();
        Term term = parseTermInfixCall();
        if (term == null) {
            return null;
        }
        if (!(term instanceof Term.Call call)) {
            illegal("expected `x[, y] in xs { ... }` expression");
            return null;
        }
        String op = opName(call);
        Term key = null;
        Term value;
        Term domain;
        if (op.equals("internal.member_2")) {
            if (call.args().size() != 2) {
                illegal("illegal domain");
                return null;
            }
            value = call.args().get(0);
            domain = call.args().get(1);
        } else if (op.equals("internal.member_3")) {
            if (call.args().size() != 3) {
                illegal("illegal domain");
                return null;
            }
            key = call.args().get(0);
            value = call.args().get(1);
            domain = call.args().get(2);
            if (!(key instanceof Term.Var)) {
                illegal("expected key to be a variable");
                return null;
            }
        } else {
            illegal("expected `x[, y] in xs { ... }` expression");
            return null;
        }
        if (!(value instanceof Term.Var)) {
            illegal("expected value to be a variable");
            return null;
        }
        if (tok() == Tok.LBRACE) {
            Location bodyAt = loc();
            scan();
            Body body = parseBody(Tok.RBRACE, bodyAt);
            if (body == null) {
                return null;
            }
            scan();
            List<Expr.With> withs = List.of();
            if (tok() == Tok.WITH) {
                withs = parseWith();
                if (withs == null) {
                    return null;
                }
            }
            return new Expr(new Expr.Every(key, value, domain, body), false, withs, at);
        }
        illegal("missing body");
        return null;
    }

    private Expr.Kind parseExpr() {
        Term lhs = parseTermInfixCall();
        if (lhs == null) {
            return null;
        }
        if (tok() == Tok.ASSIGN || tok() == Tok.UNIFY) {
            Term.Ref op = opRef(tok() == Tok.ASSIGN ? "assign" : "eq");
            scan();
            Term rhs = parseTermInfixCall();
            if (rhs == null) {
                return null;
            }
            return new Expr.TermExpr(new Term.Call(op, List.of(lhs, rhs), lhs.location()));
        }
        return new Expr.TermExpr(lhs);
    }

    // ---------------------------------------------------------------------------------------
    // Terms with operators, loosest first: `in`, comparisons, `|`, `&`, `+ -`, `* / %`.

    Term parseTermInfixCall() {
        return parseTermIn(true);
    }

    private Term parseTermInfixCallInList() {
        return parseTermIn(false);
    }

    private Term parseTermIn(boolean keyVal) {
        if (!enter()) {
            return null;
        }
        try {
            Term lhs = parseTermRelation();
            if (lhs == null) {
                return null;
            }
            int chain = 0;
            while (true) {
                if (keyVal && tok() == Tok.COMMA) {
                    State s = save();
                    scan();
                    Term mhs = parseTermRelation();
                    if (mhs != null && tok() == Tok.IN) {
                        Term.Ref op = memberRef("member_3");
                        scan();
                        Term rhs = parseTermRelation();
                        if (rhs != null) {
                            lhs = new Term.Call(op, List.of(lhs, mhs, rhs), lhs.location());
                            if (tok() == Tok.IN && chainOk(++chain)) {
                                continue;
                            }
                            return lhs;
                        }
                    }
                    restore(s);
                }
                scanAheadRef();
                if (tok() == Tok.IN) {
                    Term.Ref op = memberRef("member_2");
                    scan();
                    Term rhs = parseTermRelation();
                    if (rhs != null) {
                        lhs = new Term.Call(op, List.of(lhs, rhs), lhs.location());
                        if (tok() == Tok.IN && chainOk(++chain)) {
                            continue;
                        }
                        return lhs;
                    }
                }
                return lhs;
            }
        } finally {
            leave();
        }
    }

    private boolean chainOk(int n) {
        if (n > MAX_NESTING) {
            error(loc(), "max parsing recursion depth exceeded");
            return false;
        }
        return true;
    }

    private Term parseTermRelation() {
        Term lhs = parseTermOr();
        int chain = 0;
        while (lhs != null) {
            String op = switch (tok()) {
                case EQUAL -> "equal";
                case NEQ -> "neq";
                case LT -> "lt";
                case GT -> "gt";
                case LTE -> "lte";
                case GTE -> "gte";
                default -> null;
            };
            if (op == null) {
                return lhs;
            }
            Term.Ref ref = opRef(op);
            scan();
            Term rhs = parseTermOr();
            if (rhs == null || !chainOk(++chain)) {
                return lhs;
            }
            lhs = new Term.Call(ref, List.of(lhs, rhs), lhs.location());
        }
        return null;
    }

    private Term parseTermOr() {
        Term lhs = parseTermAnd();
        int chain = 0;
        while (lhs != null && tok() == Tok.OR) {
            Term.Ref ref = opRef("or");
            scan();
            Term rhs = parseTermAnd();
            if (rhs == null || !chainOk(++chain)) {
                return lhs;
            }
            lhs = new Term.Call(ref, List.of(lhs, rhs), lhs.location());
        }
        return lhs;
    }

    private Term parseTermAnd() {
        Term lhs = parseTermArith();
        int chain = 0;
        while (lhs != null && tok() == Tok.AND) {
            Term.Ref ref = opRef("and");
            scan();
            Term rhs = parseTermArith();
            if (rhs == null || !chainOk(++chain)) {
                return lhs;
            }
            lhs = new Term.Call(ref, List.of(lhs, rhs), lhs.location());
        }
        return lhs;
    }

    private Term parseTermArith() {
        Term lhs = parseTermFactor();
        int chain = 0;
        while (lhs != null && (tok() == Tok.ADD || tok() == Tok.SUB)) {
            Term.Ref ref = opRef(tok() == Tok.ADD ? "plus" : "minus");
            scan();
            Term rhs = parseTermFactor();
            if (rhs == null || !chainOk(++chain)) {
                return lhs;
            }
            lhs = new Term.Call(ref, List.of(lhs, rhs), lhs.location());
        }
        return lhs;
    }

    private Term parseTermFactor() {
        Term lhs = parseTerm();
        int chain = 0;
        while (lhs != null && (tok() == Tok.MUL || tok() == Tok.QUO || tok() == Tok.REM)) {
            Term.Ref ref = opRef(switch (tok()) {
                case MUL -> "mul";
                case QUO -> "div";
                default -> "rem";
            });
            scan();
            Term rhs = parseTerm();
            if (rhs == null || !chainOk(++chain)) {
                return lhs;
            }
            lhs = new Term.Call(ref, List.of(lhs, rhs), lhs.location());
        }
        return lhs;
    }

    private Term.Ref opRef(String name) {
        Location at = loc();
        return new Term.Ref(List.of(new Term.Var(name, at)), at);
    }

    private Term.Ref memberRef(String name) {
        Location at = loc();
        return new Term.Ref(List.of(new Term.Var("internal", at), new Term.Scalar(StringValue.of(name), at)), at);
    }

    // ---------------------------------------------------------------------------------------
    // Single terms

    Term parseTerm() {
        if (!enter()) {
            return null;
        }
        try {
            for (int i = cache.size() - 1; i >= 0 && cache.get(i).index >= p; i--) {
                CacheEntry e = cache.get(i);
                if (e.index == p && e.forceIdent == forceIdent && !atWs) {
                    errors.addAll(e.addedErrors);
                    p = e.post.p;
                    atWs = e.post.atWs;
                    forceIdent = e.post.forceIdent;
                    hints = e.post.hints;
                    return e.term;
                }
            }
            int start = p;
            boolean startForce = forceIdent;
            int errorsBefore = errors.size();
            Term term = switch (tok()) {
                case NULL -> new Term.Scalar(NullValue.INSTANCE, loc());
                case TRUE -> new Term.Scalar(BooleanValue.TRUE, loc());
                case FALSE -> new Term.Scalar(BooleanValue.FALSE, loc());
                case SUB, DOT, NUMBER -> parseNumber();
                case STRING -> parseString();
                case IDENT, CONTAINS -> parseVar();
                case LBRACK -> parseArray();
                case LBRACE -> parseSetOrObject();
                case LPAREN -> {
                    scan();
                    Term r = parseTermInfixCall();
                    if (r != null) {
                        if (tok() == Tok.RPAREN) {
                            yield r;
                        }
                        error(loc(), "non-terminated expression");
                    }
                    yield null;
                }
                default -> {
                    illegalToken();
                    yield null;
                }
            };
            term = parseTermFinish(term);
            // Keep the cache a stack of enclosing terms, as OPA does: drop entries at or after this one.
            while (!cache.isEmpty() && cache.get(cache.size() - 1).index >= start) {
                cache.remove(cache.size() - 1);
            }
            int errorsNow = errors.size();
            List<RegoError> added = errorsNow > errorsBefore ? List.copyOf(errors.subList(errorsBefore, errorsNow)) : List.of();
            cache.add(new CacheEntry(start, startForce, term, save(), added));
            return term;
        } finally {
            leave();
        }
    }

    private Term parseTermFinish(Term head) {
        if (head == null) {
            return null;
        }
        scanWS();
        switch (tok()) {
            case LPAREN, DOT, LBRACK -> {
                return parseRef(head);
            }
            case WHITESPACE -> scan();
            default -> {
            }
        }
        return rootRef(head);
    }

    private static Term rootRef(Term head) {
        if (head instanceof Term.Var v && (v.name().equals("data") || v.name().equals("input"))) {
            return new Term.Ref(List.of(v), v.location());
        }
        return head;
    }

    private Term parseNumber() {
        Location at = loc();
        String prefix = "";
        if (tok() == Tok.SUB) {
            prefix = "-";
            scan();
            if (tok() != Tok.NUMBER && tok() != Tok.DOT) {
                illegal("expected number");
                return null;
            }
        }
        if (tok() == Tok.DOT) {
            prefix += ".";
            scan();
            if (tok() != Tok.NUMBER) {
                illegal("expected number");
                return null;
            }
        }
        String lit = lit();
        boolean decimalPrefix = prefix.endsWith(".");
        if (!decimalPrefix && lit.length() > 1 && lit.charAt(0) == '0') {
            boolean isDecimal = lit.charAt(1) == '.';
            boolean isScientific = lit.length() > 2 && (lit.charAt(1) == 'e' || lit.charAt(1) == 'E');
            if (!isDecimal && !isScientific) {
                illegal("expected number without leading zero");
                return null;
            }
        }
        String text = prefix + lit;
        BigDecimal d;
        try {
            d = new BigDecimal(text);
        } catch (NumberFormatException | ArithmeticException e) {
            illegal("invalid float");
            return null;
        }
        // OPA bounds the binary exponent at 1e5 so that formatting huge numbers stays cheap.
        if (d.signum() != 0) {
            double binaryExponent = (d.precision() - (double) d.scale()) * 3.321928094887362;
            if (Math.abs(binaryExponent) > 100_000) {
                error(loc(), "number too big");
                return null;
            }
        }
        return new Term.Scalar(NumberValue.parse(text), at);
    }

    private Term parseString() {
        String lit = lit();
        Location at = loc();
        if (lit.charAt(0) == '"') {
            String inner = lit.substring(1, lit.length() - 1);
            if (inner.indexOf('\\') < 0) {
                return new Term.Scalar(StringValue.of(inner), at);
            }
            String decoded = StringLiterals.decodeJson(inner);
            if (decoded == null) {
                error(at, "illegal string literal: " + lit);
                return null;
            }
            return new Term.Scalar(StringValue.of(decoded), at);
        }
        return new Term.Scalar(StringValue.of(lit.substring(1, lit.length() - 1)), at);
    }

    private Term parseVar() {
        return new Term.Var(lit(), loc());
    }

    private Term parseCall(Term.Ref operator) {
        if (!enter()) {
            return null;
        }
        try {
            scan(); // over '('
            if (tok() == Tok.RPAREN) {
                scanWS();
                if (operator.parts().size() == 1 && operator.head() instanceof Term.Var v && v.name().equals("set")) {
                    return new Term.SetTerm(List.of(), operator.location());
                }
                return new Term.Call(operator, List.of(), operator.location());
            }
            List<Term> args = parseTermList(Tok.RPAREN, new ArrayList<>());
            if (args != null) {
                scanWS();
                return new Term.Call(operator, args, operator.location());
            }
            return null;
        } finally {
            leave();
        }
    }

    private Term parseRef(Term head) {
        if (!enter()) {
            return null;
        }
        try {
            Location at = head.location();
            switch (head) {
                case Term.Var v -> {
                }
                case Term.ArrayTerm a -> {
                }
                case Term.ObjectTerm o -> {
                }
                case Term.SetTerm s -> {
                }
                case Term.ArrayComprehension c -> {
                }
                case Term.SetComprehension c -> {
                }
                case Term.ObjectComprehension c -> {
                }
                case Term.Call c -> {
                }
                default -> error(at, "illegal ref (head cannot be " + valueName(head) + ")");
            }
            List<Term> parts = new ArrayList<>();
            parts.add(head);
            while (true) {
                switch (tok()) {
                    case DOT -> {
                        scanWS();
                        if (tok() != Tok.IDENT && !isAllowedRefKeyword(tok())) {
                            illegal("expected identifier");
                            return null;
                        }
                        parts.add(new Term.Scalar(StringValue.of(lit()), loc()));
                        scanWS();
                    }
                    case LPAREN -> {
                        Term term = parseCall(new Term.Ref(parts, at));
                        if (term != null) {
                            switch (tok()) {
                                case WHITESPACE -> {
                                    scan();
                                    return term;
                                }
                                case DOT, LBRACK -> term = parseRef(term);
                                default -> {
                                }
                            }
                        }
                        return term;
                    }
                    case LBRACK -> {
                        scan();
                        Term term = parseTermInfixCall();
                        if (term == null) {
                            return null;
                        }
                        if (tok() != Tok.RBRACK) {
                            illegal("expected [");
                            return null;
                        }
                        parts.add(term);
                        scanWS();
                    }
                    case WHITESPACE -> {
                        scan();
                        return new Term.Ref(parts, at);
                    }
                    default -> {
                        return new Term.Ref(parts, at);
                    }
                }
            }
        } finally {
            leave();
        }
    }

    private Term parseArray() {
        if (!enter()) {
            return null;
        }
        try {
            Location at = loc();
            scan();
            if (tok() == Tok.RBRACK) {
                return new Term.ArrayTerm(List.of(), at);
            }
            boolean potentialComprehension = true;
            if (tok() == Tok.COMMA) {
                potentialComprehension = false;
                scan();
            }
            State s = save();
            // A single term first: `[x | body]` is a comprehension, not an array of one `or` call.
            Term head = parseTerm();
            if (head == null) {
                return null;
            }
            switch (tok()) {
                case RBRACK -> {
                    return new Term.ArrayTerm(List.of(head), at);
                }
                case COMMA -> {
                    scan();
                    List<Term> terms = parseTermList(Tok.RBRACK, new ArrayList<>(List.of(head)));
                    return terms == null ? null : new Term.ArrayTerm(terms, at);
                }
                case OR -> {
                    if (potentialComprehension) {
                        Location bodyAt = loc();
                        scan();
                        Body body = parseBody(Tok.RBRACK, bodyAt);
                        if (body != null) {
                            return new Term.ArrayComprehension(head, body, at);
                        }
                        if (tok() != Tok.COMMA) {
                            return null;
                        }
                    }
                }
                default -> {
                }
            }
            restore(s);
            List<Term> terms = parseTermList(Tok.RBRACK, new ArrayList<>());
            return terms == null ? null : new Term.ArrayTerm(terms, at);
        } finally {
            leave();
        }
    }

    private Term parseSetOrObject() {
        if (!enter()) {
            return null;
        }
        try {
            Location at = loc();
            scan();
            if (tok() == Tok.RBRACE) {
                return new Term.ObjectTerm(List.of(), at);
            }
            boolean potentialComprehension = true;
            if (tok() == Tok.COMMA) {
                potentialComprehension = false;
                scan();
            }
            State s = save();
            Term head = parseTerm();
            if (head == null) {
                return null;
            }
            switch (tok()) {
                case OR -> {
                    if (potentialComprehension) {
                        return parseSet(s, head, true, at);
                    }
                }
                case RBRACE, COMMA -> {
                    return parseSet(s, head, potentialComprehension, at);
                }
                case COLON -> {
                    return parseObject(head, potentialComprehension, at);
                }
                default -> {
                }
            }
            restore(s);
            head = parseTermInfixCallInList();
            if (head == null) {
                return null;
            }
            switch (tok()) {
                case RBRACE, COMMA -> {
                    return parseSet(s, head, false, at);
                }
                case COLON -> {
                    return parseObject(head, potentialComprehension, at);
                }
                default -> {
                }
            }
            illegal("non-terminated set");
            return null;
        } finally {
            leave();
        }
    }

    private Term parseSet(State s, Term head, boolean potentialComprehension, Location at) {
        switch (tok()) {
            case RBRACE -> {
                return new Term.SetTerm(List.of(head), at);
            }
            case COMMA -> {
                scan();
                List<Term> terms = parseTermList(Tok.RBRACE, new ArrayList<>(List.of(head)));
                return terms == null ? null : new Term.SetTerm(terms, at);
            }
            case OR -> {
                if (potentialComprehension) {
                    Location bodyAt = loc();
                    scan();
                    Body body = parseBody(Tok.RBRACE, bodyAt);
                    if (body != null) {
                        return new Term.SetComprehension(head, body, at);
                    }
                    if (tok() != Tok.COMMA) {
                        return null;
                    }
                }
                restore(s);
                List<Term> terms = parseTermList(Tok.RBRACE, new ArrayList<>());
                return terms == null ? null : new Term.SetTerm(terms, at);
            }
            default -> {
                return null;
            }
        }
    }

    private Term parseObject(Term key, boolean potentialComprehension, Location at) {
        scan(); // over ':'
        State s = save();
        Term v = parseTerm();
        if (v == null) {
            return null;
        }
        boolean potentialRelation = true;
        if (potentialComprehension) {
            Tok t = tok();
            if (t == Tok.RBRACE || t == Tok.COMMA || t == Tok.OR) {
                if (t != Tok.OR) {
                    potentialRelation = false;
                }
                Term term = parseObjectFinish(key, v, true, at);
                if (term != null) {
                    return term;
                }
            }
        }
        restore(s);
        if (potentialRelation) {
            Term value = parseTermInfixCallInList();
            if (value == null) {
                return null;
            }
            if (tok() == Tok.RBRACE || tok() == Tok.COMMA) {
                return parseObjectFinish(key, value, false, at);
            }
        }
        illegal("non-terminated object");
        return null;
    }

    private Term parseObjectFinish(Term key, Term value, boolean potentialComprehension, Location at) {
        switch (tok()) {
            case RBRACE -> {
                return new Term.ObjectTerm(List.of(new Term.Entry(key, value)), at);
            }
            case OR -> {
                if (potentialComprehension) {
                    Location bodyAt = loc();
                    scan();
                    Body body = parseBody(Tok.RBRACE, bodyAt);
                    if (body != null) {
                        return new Term.ObjectComprehension(key, value, body, at);
                    }
                } else {
                    illegal("non-terminated object");
                }
                return null;
            }
            case COMMA -> {
                scan();
                List<Term.Entry> entries = parseTermPairList(new ArrayList<>(List.of(new Term.Entry(key, value))));
                return entries == null ? null : new Term.ObjectTerm(entries, at);
            }
            default -> {
                return null;
            }
        }
    }

    private List<Term> parseTermList(Tok end, List<Term> r) {
        if (tok() == end) {
            return r;
        }
        while (true) {
            Term term = parseTermInfixCallInList();
            if (term == null) {
                return null;
            }
            r.add(term);
            if (tok() == end) {
                return r;
            }
            if (tok() == Tok.COMMA) {
                scan();
                if (tok() == end) {
                    return r;
                }
                continue;
            }
            illegal("expected \",\" or \"" + end.display + "\"");
            return null;
        }
    }

    private List<Term.Entry> parseTermPairList(List<Term.Entry> r) {
        if (tok() == Tok.RBRACE) {
            return r;
        }
        while (true) {
            Term key = parseTermInfixCallInList();
            if (key == null) {
                return null;
            }
            if (tok() != Tok.COLON) {
                illegal("expected \":\"");
                return null;
            }
            scan();
            Term value = parseTermInfixCallInList();
            if (value == null) {
                return null;
            }
            r.add(new Term.Entry(key, value));
            if (tok() == Tok.RBRACE) {
                return r;
            }
            if (tok() == Tok.COMMA) {
                scan();
                if (tok() == Tok.RBRACE) {
                    return r;
                }
                continue;
            }
            illegal("expected \",\" or \"}\"");
            return null;
        }
    }

    // ---------------------------------------------------------------------------------------
    // Helpers shared with the module assembler

    static Body trueBody(Location at) {
        return new Body(List.of(new Expr(new Expr.TermExpr(new Term.Scalar(BooleanValue.TRUE, at)), false, List.of(), at)), at);
    }

    static String opName(Term.Call call) {
        StringBuilder sb = new StringBuilder();
        for (Term t : call.operator().parts()) {
            if (t instanceof Term.Var v) {
                sb.append(v.name());
            } else if (t instanceof Term.Scalar s && s.value() instanceof StringValue sv) {
                sb.append('.').append(sv.value());
            } else {
                sb.append("[?]");
            }
        }
        return sb.toString();
    }

    static boolean isString(Term t) {
        return t instanceof Term.Scalar s && s.value() instanceof StringValue;
    }

    private static boolean isStringValue(Term t, String value) {
        return t instanceof Term.Scalar s && s.value() instanceof StringValue sv && sv.value().equals(value);
    }

    /** OPA's name for the kind of a term, as used in error messages. */
    static String valueName(Term t) {
        return switch (t) {
            case Term.Scalar s -> switch (s.value()) {
                case StringValue x -> "string";
                case NumberValue x -> "number";
                case BooleanValue x -> "boolean";
                case NullValue x -> "null";
                default -> "value";
            };
            case Term.Var v -> "var";
            case Term.Ref r -> "ref";
            case Term.ArrayTerm a -> "array";
            case Term.SetTerm s -> "set";
            case Term.ObjectTerm o -> "object";
            case Term.Call c -> "call";
            case Term.ArrayComprehension c -> "arraycomprehension";
            case Term.SetComprehension c -> "setcomprehension";
            case Term.ObjectComprehension c -> "objectcomprehension";
        };
    }

    static boolean isGround(Term t) {
        return switch (t) {
            case Term.Scalar s -> true;
            case Term.Var v -> false;
            case Term.Ref r -> isGroundRef(r.parts());
            case Term.ArrayTerm a -> a.elements().stream().allMatch(RegoParser::isGround);
            case Term.SetTerm s -> s.elements().stream().allMatch(RegoParser::isGround);
            case Term.ObjectTerm o -> o.entries().stream().allMatch(e -> isGround(e.key()) && isGround(e.value()));
            case Term.Call c -> c.args().stream().allMatch(RegoParser::isGround);
            default -> false;
        };
    }

    /** A ref is ground when every part after its head is. */
    static boolean isGroundRef(List<Term> parts) {
        for (int i = 1; i < parts.size(); i++) {
            if (!isGround(parts.get(i))) {
                return false;
            }
        }
        return true;
    }
}
