package io.changegate.rego.builtins;

import static io.changegate.rego.builtins.Builtins.fn;
import static io.changegate.rego.builtins.Builtins.nondeterministic;
import static io.changegate.rego.builtins.Type.NUMBER;
import static io.changegate.rego.builtins.Type.STRING;
import static io.changegate.rego.builtins.Type.arrayOf;
import static io.changegate.rego.builtins.Type.oneOf;

import io.changegate.rego.value.ArrayValue;
import io.changegate.rego.value.NumberValue;
import io.changegate.rego.value.StringValue;
import io.changegate.rego.value.Value;
import java.math.BigInteger;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.util.List;
import java.util.Locale;

/** Time in nanoseconds since the epoch, with Go's layouts and zones from the JDK's tz database. */
final class TimeBuiltins {
    private TimeBuiltins() {
    }

    private static final BigInteger MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger MAX = BigInteger.valueOf(Long.MAX_VALUE);
    private static final Type NS_OR_NS_TZ = oneOf(NUMBER, arrayOf(oneOf(NUMBER, STRING)));

    /** An instant with the zone it is to be read in. */
    private record ZonedNanos(long nanos, ZoneId zone, String layout) {
        ZonedDateTime dateTime() {
            return Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L)).atZone(zone);
        }
    }

    static final List<Builtin> ALL = List.of(
            nondeterministic("time.now_ns", List.of(), NUMBER, (ctx, a) -> NumberValue.of(ctx.nowNanos())),
            fn("time.parse_ns", List.of(STRING, STRING), NUMBER, (ctx, a) -> {
                String layout = Operands.string("time.parse_ns", a, 1);
                String value = Operands.string("time.parse_ns", a, 2);
                return parse("time.parse_ns", GoTime.namedLayout(layout), value);
            }),
            fn("time.parse_rfc3339_ns", List.of(STRING), NUMBER, (ctx, a) ->
                    parse("time.parse_rfc3339_ns", GoTime.RFC3339, Operands.string("time.parse_rfc3339_ns", a, 1))),
            fn("time.parse_duration_ns", List.of(STRING), NUMBER, (ctx, a) -> {
                try {
                    return NumberValue.of(GoTime.parseDuration(Operands.string("time.parse_duration_ns", a, 1)));
                } catch (GoTime.ParseError e) {
                    throw BuiltinException.error("time.parse_duration_ns: " + e.getMessage());
                }
            }),
            fn("time.date", List.of(NS_OR_NS_TZ), arrayOf(NUMBER), (ctx, a) -> {
                ZonedDateTime t = zoned("time.date", a[0], false).dateTime();
                return ArrayValue.of(NumberValue.of(t.getYear()), NumberValue.of(t.getMonthValue()), NumberValue.of(t.getDayOfMonth()));
            }),
            fn("time.clock", List.of(NS_OR_NS_TZ), arrayOf(NUMBER), (ctx, a) -> {
                ZonedDateTime t = zoned("time.clock", a[0], false).dateTime();
                return ArrayValue.of(NumberValue.of(t.getHour()), NumberValue.of(t.getMinute()), NumberValue.of(t.getSecond()));
            }),
            fn("time.weekday", List.of(NS_OR_NS_TZ), STRING, (ctx, a) ->
                    StringValue.of(zoned("time.weekday", a[0], false).dateTime().getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH))),
            fn("time.format", List.of(NS_OR_NS_TZ), STRING, (ctx, a) -> {
                ZonedNanos z = zoned("time.format", a[0], true);
                String layout = z.layout() == null ? GoTime.RFC3339_NANO : GoTime.namedLayout(z.layout());
                return StringValue.of(GoTime.format(z.nanos(), z.zone(), layout));
            }),
            fn("time.add_date", List.of(NUMBER, NUMBER, NUMBER, NUMBER), NUMBER, (ctx, a) -> {
                long ns = nanos("time.add_date", Operands.number("time.add_date", a, 1));
                int years = Operands.clampInt(Operands.number("time.add_date", a, 2));
                int months = Operands.clampInt(Operands.number("time.add_date", a, 3));
                int days = Operands.clampInt(Operands.number("time.add_date", a, 4));
                LocalDateTime t = LocalDateTime.ofEpochSecond(Math.floorDiv(ns, 1_000_000_000L), (int) Math.floorMod(ns, 1_000_000_000L), ZoneOffset.UTC);
                try {
                    // Go normalises out-of-range months and days (Jan 31 + 1 month is Mar 2 or 3), unlike plusMonths.
                    LocalDate d = LocalDate.of(t.getYear() + years, 1, 1).plusMonths(t.getMonthValue() - 1L + months)
                            .plusDays(t.getDayOfMonth() - 1L + days);
                    LocalDateTime r = LocalDateTime.of(d, t.toLocalTime());
                    BigInteger n = BigInteger.valueOf(r.toEpochSecond(ZoneOffset.UTC)).multiply(BigInteger.valueOf(1_000_000_000L))
                            .add(BigInteger.valueOf(r.getNano()));
                    if (n.compareTo(MIN) < 0 || n.compareTo(MAX) > 0) {
                        throw BuiltinException.error("time.add_date: time outside of valid range");
                    }
                    return NumberValue.of(n);
                } catch (DateTimeException | ArithmeticException e) {
                    throw BuiltinException.error("time.add_date: time outside of valid range");
                }
            }),
            fn("time.diff", List.of(NS_OR_NS_TZ, NS_OR_NS_TZ), arrayOf(NUMBER), (ctx, a) -> {
                ZonedNanos x = zoned("time.diff", a[0], false);
                ZonedNanos y = zoned("time.diff", a[1], false);
                ZonedDateTime t1 = x.dateTime();
                ZonedDateTime t2 = Instant.ofEpochSecond(Math.floorDiv(y.nanos(), 1_000_000_000L), Math.floorMod(y.nanos(), 1_000_000_000L)).atZone(x.zone());
                if (t1.isAfter(t2)) {
                    ZonedDateTime tmp = t1;
                    t1 = t2;
                    t2 = tmp;
                }
                int year = t2.getYear() - t1.getYear();
                int month = t2.getMonthValue() - t1.getMonthValue();
                int day = t2.getDayOfMonth() - t1.getDayOfMonth();
                int hour = t2.getHour() - t1.getHour();
                int min = t2.getMinute() - t1.getMinute();
                int sec = t2.getSecond() - t1.getSecond();
                if (sec < 0) {
                    sec += 60;
                    min--;
                }
                if (min < 0) {
                    min += 60;
                    hour--;
                }
                if (hour < 0) {
                    hour += 24;
                    day--;
                }
                if (day < 0) {
                    day += LocalDate.of(t1.getYear(), t1.getMonthValue(), 1).lengthOfMonth();
                    month--;
                }
                if (month < 0) {
                    month += 12;
                    year--;
                }
                return ArrayValue.of(NumberValue.of(year), NumberValue.of(month), NumberValue.of(day),
                        NumberValue.of(hour), NumberValue.of(min), NumberValue.of(sec));
            }));

    private static Value parse(String fn, String layout, String value) throws BuiltinException {
        BigInteger n;
        try {
            n = GoTime.parse(layout, value);
        } catch (GoTime.ParseError e) {
            throw BuiltinException.error(fn + ": " + e.getMessage());
        } catch (DateTimeException e) {
            throw BuiltinException.error(fn + ": parsing time " + GoFormat.quote(value, false) + ": day out of range");
        }
        if (n.compareTo(MIN) < 0 || n.compareTo(MAX) > 0) {
            throw BuiltinException.error(fn + ": time outside of valid range");
        }
        return NumberValue.of(n);
    }

    private static long nanos(String fn, NumberValue n) throws BuiltinException {
        BigInteger i = n.isInteger() ? n.bigIntegerValue() : n.bigDecimalValue().toBigInteger();
        if (i.compareTo(MIN) < 0 || i.compareTo(MAX) > 0) {
            throw BuiltinException.error(fn + ": timestamp too big");
        }
        return i.longValue();
    }

    private static ZonedNanos zoned(String fn, Value v, boolean withLayout) throws BuiltinException {
        String expected = "either number (ns) or [number (ns), string (tz)]";
        if (v instanceof NumberValue n) {
            return new ZonedNanos(nanos(fn, n), ZoneOffset.UTC, null);
        }
        if (v instanceof ArrayValue arr && (arr.size() == 2 || (withLayout && arr.size() == 3))
                && arr.get(0) instanceof NumberValue n && arr.get(1) instanceof StringValue tz) {
            String layout = null;
            if (arr.size() == 3) {
                if (!(arr.get(2) instanceof StringValue l)) {
                    throw BuiltinException.typeError(fn + ": operand 1 must be either number (ns) or [number (ns), string (tz), string (layout)] but got array");
                }
                layout = l.value();
            }
            return new ZonedNanos(nanos(fn, n), zone(fn, tz.value()), layout);
        }
        throw Operands.mustBe(fn, 1, expected, v);
    }

    static ZoneId zone(String fn, String tz) throws BuiltinException {
        if (tz.isEmpty() || tz.equals("UTC")) {
            return ZoneOffset.UTC;
        }
        if (tz.equals("Local")) {
            return ZoneId.systemDefault();
        }
        try {
            return ZoneId.of(tz);
        } catch (DateTimeException e) {
            throw BuiltinException.error(fn + ": unknown time zone " + tz);
        }
    }
}
