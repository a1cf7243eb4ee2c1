package io.changegate.rego.parser;

import io.changegate.rego.ast.Comment;
import io.changegate.rego.ast.Location;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Splits Rego source into tokens, the way OPA's scanner does.
 *
 * <p>Whitespace and comments are not tokens here; each token instead records whether whitespace
 * (or a comment) precedes it and whether a newline does, which is all the parser needs: refs and
 * calls must not have whitespace before {@code .}, {@code [} or {@code (}, and newlines separate
 * body expressions. Identifiers are not classified as keywords: which words are keywords depends
 * on the module's imports, so the parser decides. Columns count code points from 1, as OPA's do.
 */
final class Lexer {
    static final int WS_BEFORE = 1;
    static final int NL_BEFORE = 2;

    final String src;
    final String file;
    Tok[] kinds = new Tok[64];
    int[] starts = new int[64];
    int[] ends = new int[64];
    int[] rows = new int[64];
    int[] cols = new int[64];
    byte[] flags = new byte[64];
    /** For identifiers spelled like a keyword, that keyword; whether it is reserved is the parser's call. */
    Tok[] keywords = new Tok[64];
    int count;
    final List<Comment> comments = new ArrayList<>();
    /** Scanner errors by token index; such tokens are {@link Tok#ILLEGAL}. */
    final Map<Integer, List<String>> errors = new HashMap<>();

    private int pos;
    private int row = 1;
    private int col; // column of the character before pos
    private List<String> pendingErrors;

    private Lexer(String file, String src) {
        this.file = file;
        this.src = src;
    }

    static Lexer scan(String file, String src) {
        Lexer lx = new Lexer(file, src);
        lx.run();
        return lx;
    }

    String text(int i) {
        return src.substring(starts[i], ends[i]);
    }

    Location location(int i) {
        return new Location(file, rows[i], cols[i]);
    }

    private void run() {
        if (!src.isEmpty() && src.charAt(0) == '\uFEFF') {
            pos = 1;
        }
        int flag = 0;
        int n = src.length();
        while (true) {
            if (pos >= n) {
                add(Tok.EOF, pos, pos, row, col, flag);
                return;
            }
            char c = src.charAt(pos);
            if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
                flag |= WS_BEFORE;
                if (c == '\n') {
                    flag |= NL_BEFORE;
                }
                advance();
                continue;
            }
            int startRow = row;
            int startCol = col + 1;
            int start = pos;
            if (c == '#') {
                advance();
                while (pos < n && src.charAt(pos) != '\n') {
                    advance();
                }
                int end = pos;
                if (end > start + 1 && src.charAt(end - 1) == '\r') {
                    end--;
                }
                comments.add(new Comment(src.substring(start + 1, end), new Location(file, startRow, startCol)));
                flag |= WS_BEFORE;
                continue;
            }
            pendingErrors = null;
            Tok kind;
            if (isLetter(c)) {
                while (pos < n && (isLetter(src.charAt(pos)) || isDigit(src.codePointAt(pos)))) {
                    advance();
                }
                kind = Tok.IDENT;
            } else if (c >= '0' && c <= '9') {
                scanNumber();
                kind = Tok.NUMBER;
            } else {
                advance();
                kind = switch (c) {
                    case '"' -> scanString();
                    case '`' -> scanRawString();
                    case '[' -> Tok.LBRACK;
                    case ']' -> Tok.RBRACK;
                    case '{' -> Tok.LBRACE;
                    case '}' -> Tok.RBRACE;
                    case '(' -> Tok.LPAREN;
                    case ')' -> Tok.RPAREN;
                    case ',' -> Tok.COMMA;
                    case ':' -> follow('=', Tok.ASSIGN, Tok.COLON);
                    case '+' -> Tok.ADD;
                    case '-' -> Tok.SUB;
                    case '*' -> Tok.MUL;
                    case '/' -> Tok.QUO;
                    case '%' -> Tok.REM;
                    case '&' -> Tok.AND;
                    case '|' -> Tok.OR;
                    case '=' -> follow('=', Tok.EQUAL, Tok.UNIFY);
                    case '>' -> follow('=', Tok.GTE, Tok.GT);
                    case '<' -> follow('=', Tok.LTE, Tok.LT);
                    case '!' -> {
                        if (pos < n && src.charAt(pos) == '=') {
                            advance();
                            yield Tok.NEQ;
                        }
                        error("illegal ! character");
                        yield Tok.ILLEGAL;
                    }
                    case ';' -> Tok.SEMICOLON;
                    case '.' -> Tok.DOT;
                    case '\0' -> {
                        error("illegal null character");
                        yield Tok.ILLEGAL;
                    }
                    case '\uFEFF' -> {
                        error("illegal byte-order mark");
                        yield Tok.ILLEGAL;
                    }
                    default -> Tok.ILLEGAL;
                };
            }
            if (pendingErrors != null) {
                errors.put(count, pendingErrors);
                kind = Tok.ILLEGAL;
            }
            add(kind, start, pos, startRow, startCol, flag);
            flag = 0;
        }
    }

    private Tok follow(char next, Tok yes, Tok no) {
        if (pos < src.length() && src.charAt(pos) == next) {
            advance();
            return yes;
        }
        return no;
    }

    private void scanNumber() {
        int n = src.length();
        while (pos < n && isDecimal(src.charAt(pos))) {
            advance();
        }
        if (pos < n && src.charAt(pos) == '.') {
            advance();
            boolean found = false;
            while (pos < n && isDecimal(src.charAt(pos))) {
                advance();
                found = true;
            }
            if (!found) {
                error("expected fraction");
            }
        }
        if (pos < n && (src.charAt(pos) == 'e' || src.charAt(pos) == 'E')) {
            advance();
            if (pos < n && (src.charAt(pos) == '+' || src.charAt(pos) == '-')) {
                advance();
            }
            boolean found = false;
            while (pos < n && isDecimal(src.charAt(pos))) {
                advance();
                found = true;
            }
            if (!found) {
                error("expected exponent");
            }
        }
        if (pos < n && isLetter(src.charAt(pos))) {
            error("illegal number format");
            while (pos < n && (isLetter(src.charAt(pos)) || isDigit(src.codePointAt(pos)))) {
                advance();
            }
        }
    }

    private Tok scanString() {
        int n = src.length();
        while (true) {
            if (pos >= n || src.charAt(pos) == '\n') {
                error("non-terminated string");
                break;
            }
            char ch = src.charAt(pos);
            advance();
            if (ch == '"') {
                break;
            }
            if (ch == '\\') {
                char e = pos < n ? src.charAt(pos) : '\0';
                switch (e) {
                    case '\\', '"', '/', 'b', 'f', 'n', 'r', 't' -> advance();
                    case 'u' -> {
                        for (int i = 0; i < 4 && pos < n; i++) { // 'u' and three digits; the loop takes the fourth
                            advance();
                        }
                    }
                    default -> error("illegal escape sequence");
                }
            }
        }
        return Tok.STRING;
    }

    private Tok scanRawString() {
        int n = src.length();
        while (true) {
            if (pos >= n) {
                error("non-terminated string");
                break;
            }
            char ch = src.charAt(pos);
            advance();
            if (ch == '`') {
                break;
            }
        }
        return Tok.STRING;
    }

    private void error(String message) {
        if (pendingErrors == null) {
            pendingErrors = new ArrayList<>(1);
        }
        pendingErrors.add(message);
    }

    /** Steps over one code point, keeping row and column. */
    private void advance() {
        char c = src.charAt(pos);
        if (c == '\n') {
            row++;
            col = 0;
            pos++;
            return;
        }
        col++;
        pos += Character.isHighSurrogate(c) && pos + 1 < src.length() && Character.isLowSurrogate(src.charAt(pos + 1)) ? 2 : 1;
    }

    private void add(Tok kind, int start, int end, int r, int c, int flag) {
        if (count == kinds.length) {
            int cap = count * 2;
            kinds = Arrays.copyOf(kinds, cap);
            starts = Arrays.copyOf(starts, cap);
            ends = Arrays.copyOf(ends, cap);
            rows = Arrays.copyOf(rows, cap);
            cols = Arrays.copyOf(cols, cap);
            flags = Arrays.copyOf(flags, cap);
            keywords = Arrays.copyOf(keywords, cap);
        }
        kinds[count] = kind;
        starts[count] = start;
        ends[count] = end;
        rows[count] = r;
        cols[count] = c;
        flags[count] = (byte) flag;
        keywords[count] = kind == Tok.IDENT && end - start <= 8 ? Tok.keyword(src.substring(start, end)) : null;
        count++;
    }

    static boolean isLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    }

    static boolean isDecimal(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isDigit(int cp) {
        return (cp >= '0' && cp <= '9') || (cp >= 0x80 && Character.isDigit(cp));
    }
}
