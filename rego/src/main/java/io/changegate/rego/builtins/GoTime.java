package io.changegate.rego.builtins;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.util.Locale;

/**
 * Go's {@code time} layouts ({@code 2006-01-02T15:04:05Z07:00}) for formatting and parsing, and
 * {@code time.ParseDuration}, with Go's error texts.
 */
final class GoTime {
    /** A parse failure with Go's message. */
    static final class ParseError extends Exception {
        ParseError(String message) {
            super(message, null, false, false);
        }
    }

    private GoTime() {
    }

    static final String RFC3339 = "2006-01-02T15:04:05Z07:00";
    static final String RFC3339_NANO = "2006-01-02T15:04:05.999999999Z07:00";

    /** OPA accepts Go's layout constant names in place of layouts. */
    static String namedLayout(String layout) {
        return switch (layout) {
            case "ANSIC" -> "Mon Jan _2 15:04:05 2006";
            case "UnixDate" -> "Mon Jan _2 15:04:05 MST 2006";
            case "RubyDate" -> "Mon Jan 02 15:04:05 -0700 2006";
            case "RFC822" -> "02 Jan 06 15:04 MST";
            case "RFC822Z" -> "02 Jan 06 15:04 -0700";
            case "RFC850" -> "Monday, 02-Jan-06 15:04:05 MST";
            case "RFC1123" -> "Mon, 02 Jan 2006 15:04:05 MST";
            case "RFC1123Z" -> "Mon, 02 Jan 2006 15:04:05 -0700";
            case "RFC3339" -> RFC3339;
            case "RFC3339Nano" -> RFC3339_NANO;
            case "Kitchen" -> "3:04PM";
            case "Stamp" -> "Jan _2 15:04:05";
            case "StampMilli" -> "Jan _2 15:04:05.000";
            case "StampMicro" -> "Jan _2 15:04:05.000000";
            case "StampNano" -> "Jan _2 15:04:05.000000000";
            case "DateTime" -> "2006-01-02 15:04:05";
            case "DateOnly" -> "2006-01-02";
            case "TimeOnly" -> "15:04:05";
            default -> layout;
        };
    }

    // Layout elements, as Go's nextStdChunk recognises them.
    private enum Std {
        LONG_MONTH, MONTH, NUM_MONTH, ZERO_MONTH, LONG_WEEKDAY, WEEKDAY, DAY, UNDER_DAY, ZERO_DAY,
        UNDER_YEAR_DAY, ZERO_YEAR_DAY, HOUR, HOUR12, ZERO_HOUR12, MINUTE, ZERO_MINUTE, SECOND, ZERO_SECOND,
        LONG_YEAR, YEAR, PM, LOWER_PM, TZ, ISO8601_TZ, ISO8601_SECONDS_TZ, ISO8601_SHORT_TZ, ISO8601_COLON_TZ,
        ISO8601_COLON_SECONDS_TZ, NUM_TZ, NUM_SECONDS_TZ, NUM_SHORT_TZ, NUM_COLON_TZ, NUM_COLON_SECONDS_TZ,
        FRAC_SECOND0, FRAC_SECOND9
    }

    /** One chunk of a layout: literal prefix, element (null at the end), digits for fractions, rest. */
    private record Chunk(String prefix, Std std, int fracDigits, String stdText, String suffix) {
    }

    private static Chunk chunk(String prefix, String layout, int i, Std std, int len, int frac) {
        return new Chunk(prefix, std, frac, layout.substring(i, i + len), layout.substring(i + len));
    }

    private static Chunk next(String layout) {
        for (int i = 0; i < layout.length(); i++) {
            char c = layout.charAt(i);
            String p = layout.substring(0, i);
            String r = layout.substring(i);
            switch (c) {
                case 'J' -> {
                    if (r.startsWith("Jan")) {
                        return r.startsWith("January") ? chunk(p, layout, i, Std.LONG_MONTH, 7, 0) : chunk(p, layout, i, Std.MONTH, 3, 0);
                    }
                }
                case 'M' -> {
                    if (r.startsWith("Mon")) {
                        if (r.startsWith("Monday")) {
                            return chunk(p, layout, i, Std.LONG_WEEKDAY, 6, 0);
                        }
                        if (!r.startsWith("Month")) {
                            return chunk(p, layout, i, Std.WEEKDAY, 3, 0);
                        }
                    }
                    if (r.startsWith("MST")) {
                        return chunk(p, layout, i, Std.TZ, 3, 0);
                    }
                }
                case '0' -> {
                    if (r.length() >= 2 && r.charAt(1) >= '1' && r.charAt(1) <= '6') {
                        Std s = switch (r.charAt(1)) {
                            case '1' -> Std.ZERO_MONTH;
                            case '2' -> Std.ZERO_DAY;
                            case '3' -> Std.ZERO_HOUR12;
                            case '4' -> Std.ZERO_MINUTE;
                            case '5' -> Std.ZERO_SECOND;
                            default -> Std.YEAR;
                        };
                        return chunk(p, layout, i, s, 2, 0);
                    }
                    if (r.startsWith("002")) {
                        return chunk(p, layout, i, Std.ZERO_YEAR_DAY, 3, 0);
                    }
                }
                case '1' -> {
                    if (r.startsWith("15")) {
                        return chunk(p, layout, i, Std.HOUR, 2, 0);
                    }
                    return chunk(p, layout, i, Std.NUM_MONTH, 1, 0);
                }
                case '2' -> {
                    if (r.startsWith("2006")) {
                        return chunk(p, layout, i, Std.LONG_YEAR, 4, 0);
                    }
                    return chunk(p, layout, i, Std.DAY, 1, 0);
                }
                case '_' -> {
                    if (r.startsWith("_2")) {
                        if (r.startsWith("_2006")) {
                            return new Chunk(layout.substring(0, i + 1), Std.LONG_YEAR, 0, "2006", layout.substring(i + 5));
                        }
                        return chunk(p, layout, i, Std.UNDER_DAY, 2, 0);
                    }
                    if (r.startsWith("__2")) {
                        return chunk(p, layout, i, Std.UNDER_YEAR_DAY, 3, 0);
                    }
                }
                case '3' -> {
                    return chunk(p, layout, i, Std.HOUR12, 1, 0);
                }
                case '4' -> {
                    return chunk(p, layout, i, Std.MINUTE, 1, 0);
                }
                case '5' -> {
                    return chunk(p, layout, i, Std.SECOND, 1, 0);
                }
                case 'P' -> {
                    if (r.startsWith("PM")) {
                        return chunk(p, layout, i, Std.PM, 2, 0);
                    }
                }
                case 'p' -> {
                    if (r.startsWith("pm")) {
                        return chunk(p, layout, i, Std.LOWER_PM, 2, 0);
                    }
                }
                case '-' -> {
                    if (r.startsWith("-07:00:00")) {
                        return chunk(p, layout, i, Std.NUM_COLON_SECONDS_TZ, 9, 0);
                    }
                    if (r.startsWith("-070000")) {
                        return chunk(p, layout, i, Std.NUM_SECONDS_TZ, 7, 0);
                    }
                    if (r.startsWith("-07:00")) {
                        return chunk(p, layout, i, Std.NUM_COLON_TZ, 6, 0);
                    }
                    if (r.startsWith("-0700")) {
                        return chunk(p, layout, i, Std.NUM_TZ, 5, 0);
                    }
                    if (r.startsWith("-07")) {
                        return chunk(p, layout, i, Std.NUM_SHORT_TZ, 3, 0);
                    }
                }
                case 'Z' -> {
                    if (r.startsWith("Z07:00:00")) {
                        return chunk(p, layout, i, Std.ISO8601_COLON_SECONDS_TZ, 9, 0);
                    }
                    if (r.startsWith("Z070000")) {
                        return chunk(p, layout, i, Std.ISO8601_SECONDS_TZ, 7, 0);
                    }
                    if (r.startsWith("Z07:00")) {
                        return chunk(p, layout, i, Std.ISO8601_COLON_TZ, 6, 0);
                    }
                    if (r.startsWith("Z0700")) {
                        return chunk(p, layout, i, Std.ISO8601_TZ, 5, 0);
                    }
                    if (r.startsWith("Z07")) {
                        return chunk(p, layout, i, Std.ISO8601_SHORT_TZ, 3, 0);
                    }
                }
                case '.', ',' -> {
                    if (i + 1 < layout.length() && (layout.charAt(i + 1) == '0' || layout.charAt(i + 1) == '9')) {
                        char ch = layout.charAt(i + 1);
                        int j = i + 1;
                        while (j < layout.length() && layout.charAt(j) == ch) {
                            j++;
                        }
                        if (!(j < layout.length() && Character.isDigit(layout.charAt(j)))) {
                            return chunk(p, layout, i, ch == '0' ? Std.FRAC_SECOND0 : Std.FRAC_SECOND9, j - i, j - (i + 1));
                        }
                    }
                }
                default -> {
                }
            }
        }
        return new Chunk(layout, null, 0, "", "");
    }

    /** Formats an instant in a zone with a Go layout. */
    static String format(long epochNanos, ZoneId zone, String layout) {
        Instant instant = Instant.ofEpochSecond(Math.floorDiv(epochNanos, 1_000_000_000L), Math.floorMod(epochNanos, 1_000_000_000L));
        ZonedDateTime t = instant.atZone(zone);
        StringBuilder sb = new StringBuilder();
        String rest = layout;
        while (!rest.isEmpty()) {
            Chunk c = next(rest);
            sb.append(c.prefix());
            if (c.std() == null) {
                break;
            }
            rest = c.suffix();
            int offset = t.getOffset().getTotalSeconds();
            switch (c.std()) {
                case YEAR -> sb.append(pad(Math.floorMod(t.getYear(), 100), 2));
                case LONG_YEAR -> sb.append(pad(t.getYear(), 4));
                case MONTH -> sb.append(t.getMonth().getDisplayName(TextStyle.SHORT, Locale.ENGLISH));
                case LONG_MONTH -> sb.append(t.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH));
                case NUM_MONTH -> sb.append(t.getMonthValue());
                case ZERO_MONTH -> sb.append(pad(t.getMonthValue(), 2));
                case WEEKDAY -> sb.append(t.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.ENGLISH));
                case LONG_WEEKDAY -> sb.append(t.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH));
                case DAY -> sb.append(t.getDayOfMonth());
                case UNDER_DAY -> sb.append(t.getDayOfMonth() < 10 ? " " : "").append(t.getDayOfMonth());
                case ZERO_DAY -> sb.append(pad(t.getDayOfMonth(), 2));
                case UNDER_YEAR_DAY -> sb.append(String.format("%3d", t.getDayOfYear()));
                case ZERO_YEAR_DAY -> sb.append(pad(t.getDayOfYear(), 3));
                case HOUR -> sb.append(pad(t.getHour(), 2));
                case HOUR12 -> sb.append(t.getHour() % 12 == 0 ? 12 : t.getHour() % 12);
                case ZERO_HOUR12 -> sb.append(pad(t.getHour() % 12 == 0 ? 12 : t.getHour() % 12, 2));
                case MINUTE -> sb.append(t.getMinute());
                case ZERO_MINUTE -> sb.append(pad(t.getMinute(), 2));
                case SECOND -> sb.append(t.getSecond());
                case ZERO_SECOND -> sb.append(pad(t.getSecond(), 2));
                case PM -> sb.append(t.getHour() >= 12 ? "PM" : "AM");
                case LOWER_PM -> sb.append(t.getHour() >= 12 ? "pm" : "am");
                case TZ -> {
                    String abbr = abbreviation(t);
                    sb.append(abbr);
                }
                case ISO8601_TZ, ISO8601_SECONDS_TZ, ISO8601_SHORT_TZ, ISO8601_COLON_TZ, ISO8601_COLON_SECONDS_TZ,
                     NUM_TZ, NUM_SECONDS_TZ, NUM_SHORT_TZ, NUM_COLON_TZ, NUM_COLON_SECONDS_TZ -> {
                    boolean iso = c.std().name().startsWith("ISO");
                    if (iso && offset == 0) {
                        sb.append('Z');
                        break;
                    }
                    int zone1 = offset / 60;
                    int absoff = Math.abs(offset);
                    sb.append(zone1 < 0 || offset < 0 ? '-' : '+');
                    zone1 = Math.abs(zone1);
                    sb.append(pad(zone1 / 60, 2));
                    boolean colon = c.std().name().contains("COLON");
                    boolean seconds = c.std().name().contains("SECONDS");
                    boolean shortTz = c.std().name().contains("SHORT");
                    if (!shortTz) {
                        if (colon) {
                            sb.append(':');
                        }
                        sb.append(pad(zone1 % 60, 2));
                    }
                    if (seconds) {
                        if (colon) {
                            sb.append(':');
                        }
                        sb.append(pad(absoff % 60, 2));
                    }
                }
                case FRAC_SECOND0, FRAC_SECOND9 -> {
                    String digits = pad(t.getNano(), 9).substring(0, c.fracDigits());
                    if (c.std() == Std.FRAC_SECOND9) {
                        int end = digits.length();
                        while (end > 0 && digits.charAt(end - 1) == '0') {
                            end--;
                        }
                        digits = digits.substring(0, end);
                        if (digits.isEmpty()) {
                            break;
                        }
                    }
                    sb.append(c.stdText().charAt(0)).append(digits);
                }
            }
        }
        return sb.toString();
    }

    private static String abbreviation(ZonedDateTime t) {
        ZoneId z = t.getZone();
        if (z instanceof ZoneOffset off) {
            return off.getTotalSeconds() == 0 ? "UTC" : offsetName(off.getTotalSeconds());
        }
        if (z.getId().equals("UTC") || z.getId().equals("Etc/UTC")) {
            return "UTC";
        }
        boolean dst = z.getRules().isDaylightSavings(t.toInstant());
        String name = java.util.TimeZone.getTimeZone(z).getDisplayName(dst, java.util.TimeZone.SHORT, Locale.ENGLISH);
        if (name.startsWith("GMT") && name.length() > 3) {
            return offsetName(t.getOffset().getTotalSeconds());
        }
        return name;
    }

    /** Go names zones without an abbreviation by their offset, e.g. {@code +0530} or {@code -03}. */
    private static String offsetName(int offset) {
        String sign = offset < 0 ? "-" : "+";
        int a = Math.abs(offset) / 60;
        return a % 60 == 0 ? sign + pad(a / 60, 2) : sign + pad(a / 60, 2) + pad(a % 60, 2);
    }

    private static String pad(int v, int width) {
        String s = Integer.toString(Math.abs(v));
        if (s.length() < width) {
            s = "0".repeat(width - s.length()) + s;
        }
        return v < 0 ? "-" + s : s;
    }

    private static final String[] LONG_DAYS = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"};
    private static final String[] LONG_MONTHS = {"January", "February", "March", "April", "May", "June", "July",
        "August", "September", "October", "November", "December"};

    /** Parses {@code value} with a Go layout; a value without a zone is UTC. Returns epoch nanoseconds. */
    static java.math.BigInteger parse(String layout, String value) throws ParseError {
        String alayout = layout;
        String avalue = value;
        String rest = layout;
        String v = value;
        int year = 1;
        int month = -1;
        int day = -1;
        int yday = -1;
        int hour = 0;
        int min = 0;
        int sec = 0;
        int nsec = 0;
        boolean pmSet = false;
        boolean amSet = false;
        Integer zoneOffset = null;
        String zoneName = null;
        String rangeErr = null;
        while (true) {
            Chunk c = next(rest);
            String stdstr = c.stdText();
            String prefix = c.prefix();
            if (!v.startsWith(prefix)) {
                throw err(alayout, avalue, prefix, v, "");
            }
            v = v.substring(prefix.length());
            if (c.std() == null) {
                if (!v.isEmpty()) {
                    throw new ParseError("parsing time " + GoFormat.quote(avalue, false) + ": extra text: " + GoFormat.quote(v, false));
                }
                break;
            }
            rest = c.suffix();
            String hold = v;
            try {
                switch (c.std()) {
                    case YEAR -> {
                        if (v.length() < 2) {
                            throw new NumberFormatException();
                        }
                        int y = digits(v.substring(0, 2));
                        v = v.substring(2);
                        year = y >= 69 ? y + 1900 : y + 2000;
                    }
                    case LONG_YEAR -> {
                        if (v.length() < 4 || !Character.isDigit(v.charAt(0))) {
                            throw new NumberFormatException();
                        }
                        year = digits(v.substring(0, 4));
                        v = v.substring(4);
                    }
                    case MONTH, LONG_MONTH -> {
                        int idx = lookup(v, LONG_MONTHS, c.std() == Std.MONTH);
                        month = idx + 1;
                        v = v.substring(c.std() == Std.MONTH ? 3 : LONG_MONTHS[idx].length());
                    }
                    case NUM_MONTH, ZERO_MONTH -> {
                        int[] r = getnum(v, c.std() == Std.ZERO_MONTH);
                        month = r[0];
                        v = v.substring(r[1]);
                        if (month <= 0 || month > 12) {
                            rangeErr = "month";
                        }
                    }
                    case WEEKDAY, LONG_WEEKDAY -> {
                        int idx = lookup(v, LONG_DAYS, c.std() == Std.WEEKDAY);
                        v = v.substring(c.std() == Std.WEEKDAY ? 3 : LONG_DAYS[idx].length());
                    }
                    case DAY, UNDER_DAY, ZERO_DAY -> {
                        if (c.std() == Std.UNDER_DAY && v.startsWith(" ")) {
                            v = v.substring(1);
                        }
                        int[] r = getnum(v, c.std() == Std.ZERO_DAY);
                        day = r[0];
                        v = v.substring(r[1]);
                    }
                    case UNDER_YEAR_DAY, ZERO_YEAR_DAY -> {
                        int k = 0;
                        while (c.std() == Std.UNDER_YEAR_DAY && k < 2 && v.startsWith(" ")) {
                            v = v.substring(1);
                            k++;
                        }
                        int[] r = getnum3(v, c.std() == Std.ZERO_YEAR_DAY);
                        yday = r[0];
                        v = v.substring(r[1]);
                    }
                    case HOUR -> {
                        int[] r = getnum(v, false);
                        hour = r[0];
                        v = v.substring(r[1]);
                        if (hour < 0 || hour >= 24) {
                            rangeErr = "hour";
                        }
                    }
                    case HOUR12, ZERO_HOUR12 -> {
                        int[] r = getnum(v, c.std() == Std.ZERO_HOUR12);
                        hour = r[0];
                        v = v.substring(r[1]);
                        if (hour < 0 || hour > 12) {
                            rangeErr = "hour";
                        }
                    }
                    case MINUTE, ZERO_MINUTE -> {
                        int[] r = getnum(v, c.std() == Std.ZERO_MINUTE);
                        min = r[0];
                        v = v.substring(r[1]);
                        if (min < 0 || min >= 60) {
                            rangeErr = "minute";
                        }
                    }
                    case SECOND, ZERO_SECOND -> {
                        int[] r = getnum(v, c.std() == Std.ZERO_SECOND);
                        sec = r[0];
                        v = v.substring(r[1]);
                        if (sec < 0 || sec >= 60) {
                            rangeErr = "second";
                            break;
                        }
                        // A fractional second in the value is accepted even when the layout has none.
                        if (v.length() >= 2 && (v.charAt(0) == '.' || v.charAt(0) == ',') && Character.isDigit(v.charAt(1))) {
                            Chunk n = next(rest);
                            if (n.prefix().isEmpty() && (n.std() == Std.FRAC_SECOND0 || n.std() == Std.FRAC_SECOND9)) {
                                break;
                            }
                            int k = 1;
                            while (k < v.length() && Character.isDigit(v.charAt(k))) {
                                k++;
                            }
                            nsec = fraction(v.substring(0, k));
                            v = v.substring(k);
                        }
                    }
                    case PM -> {
                        if (v.length() < 2) {
                            throw new NumberFormatException();
                        }
                        String p = v.substring(0, 2);
                        if (p.equals("PM")) {
                            pmSet = true;
                        } else if (p.equals("AM")) {
                            amSet = true;
                        } else {
                            throw new NumberFormatException();
                        }
                        v = v.substring(2);
                    }
                    case LOWER_PM -> {
                        if (v.length() < 2) {
                            throw new NumberFormatException();
                        }
                        String p = v.substring(0, 2);
                        if (p.equals("pm")) {
                            pmSet = true;
                        } else if (p.equals("am")) {
                            amSet = true;
                        } else {
                            throw new NumberFormatException();
                        }
                        v = v.substring(2);
                    }
                    case ISO8601_TZ, ISO8601_SECONDS_TZ, ISO8601_SHORT_TZ, ISO8601_COLON_TZ, ISO8601_COLON_SECONDS_TZ,
                         NUM_TZ, NUM_SECONDS_TZ, NUM_SHORT_TZ, NUM_COLON_TZ, NUM_COLON_SECONDS_TZ -> {
                        if (c.std().name().startsWith("ISO") && v.startsWith("Z")) {
                            v = v.substring(1);
                            zoneOffset = 0;
                            zoneName = "UTC";
                            break;
                        }
                        boolean colon = c.std().name().contains("COLON");
                        boolean seconds = c.std().name().contains("SECONDS");
                        boolean shortTz = c.std().name().contains("SHORT");
                        int need = shortTz ? 3 : colon ? (seconds ? 9 : 6) : (seconds ? 7 : 5);
                        if (v.length() < need) {
                            throw new NumberFormatException();
                        }
                        String sign = v.substring(0, 1);
                        String hh = v.substring(1, 3);
                        String mm = "00";
                        String ss = "00";
                        if (!shortTz) {
                            if (colon) {
                                if (v.charAt(3) != ':') {
                                    throw new NumberFormatException();
                                }
                                mm = v.substring(4, 6);
                                if (seconds) {
                                    if (v.charAt(6) != ':') {
                                        throw new NumberFormatException();
                                    }
                                    ss = v.substring(7, 9);
                                }
                            } else {
                                mm = v.substring(3, 5);
                                if (seconds) {
                                    ss = v.substring(5, 7);
                                }
                            }
                        }
                        v = v.substring(need);
                        int h = digits(hh);
                        int m = digits(mm);
                        int s = digits(ss);
                        if (h > 24 || m > 60 || s > 60) {
                            rangeErr = "time zone offset";
                        }
                        int off = (h * 60 + m) * 60 + s;
                        if (sign.equals("-")) {
                            off = -off;
                        } else if (!sign.equals("+")) {
                            throw new NumberFormatException();
                        }
                        zoneOffset = off;
                    }
                    case TZ -> {
                        if (v.length() >= 3 && v.startsWith("UTC")) {
                            zoneName = "UTC";
                            zoneOffset = 0;
                            v = v.substring(3);
                            break;
                        }
                        int n = parseTimeZone(v);
                        if (n <= 0) {
                            throw new NumberFormatException();
                        }
                        zoneName = v.substring(0, n);
                        v = v.substring(n);
                    }
                    case FRAC_SECOND0 -> {
                        int ndigit = 1 + c.fracDigits();
                        if (v.length() < ndigit) {
                            throw new NumberFormatException();
                        }
                        nsec = fraction(v.substring(0, ndigit));
                        v = v.substring(ndigit);
                    }
                    case FRAC_SECOND9 -> {
                        if (v.length() < 2 || !(v.charAt(0) == '.' || v.charAt(0) == ',') || v.charAt(1) < '0' || v.charAt(1) > '9') {
                            break;
                        }
                        int k = 1;
                        while (k < 10 && k < v.length() && Character.isDigit(v.charAt(k))) {
                            k++;
                        }
                        nsec = fraction(v.substring(0, k));
                        v = v.substring(k);
                    }
                }
            } catch (NumberFormatException | IndexOutOfBoundsException e) {
                throw err(alayout, avalue, stdstr, hold, "");
            }
            if (rangeErr != null) {
                throw new ParseError("parsing time " + GoFormat.quote(avalue, false) + ": " + rangeErr + " out of range");
            }
        }
        if (pmSet && hour < 12) {
            hour += 12;
        } else if (amSet && hour == 12) {
            hour = 0;
        }
        if (yday >= 0) {
            LocalDate d = LocalDate.ofYearDay(year, Math.max(1, Math.min(yday, LocalDate.of(year, 1, 1).lengthOfYear())));
            if (month < 0) {
                month = d.getMonthValue();
            }
            if (day < 0) {
                day = d.getDayOfMonth();
            }
        }
        if (month < 0) {
            month = 1;
        }
        if (day < 0) {
            day = 1;
        }
        if (day < 1 || day > LocalDate.of(year, month, 1).lengthOfMonth()) {
            throw new ParseError("parsing time " + GoFormat.quote(avalue, false) + ": day out of range");
        }
        LocalDateTime ldt = LocalDateTime.of(year, month, day, hour, min, sec, nsec);
        long epochSecond = ldt.toEpochSecond(ZoneOffset.UTC) - (zoneOffset == null ? 0 : zoneOffset);
        return java.math.BigInteger.valueOf(epochSecond).multiply(java.math.BigInteger.valueOf(1_000_000_000L))
                .add(java.math.BigInteger.valueOf(nsec));
    }

    private static ParseError err(String layout, String value, String elem, String valueElem, String msg) {
        return new ParseError("parsing time " + GoFormat.quote(value, false) + " as " + GoFormat.quote(layout, false)
                + ": cannot parse " + GoFormat.quote(valueElem, false) + " as " + GoFormat.quote(elem, false) + msg);
    }

    private static int digits(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (!Character.isDigit(s.charAt(i))) {
                throw new NumberFormatException();
            }
        }
        return Integer.parseInt(s);
    }

    /** Go's getnum: one or two digits (exactly two when fixed). Returns value and length. */
    private static int[] getnum(String s, boolean fixed) {
        if (s.isEmpty() || !isDigit(s, 0)) {
            throw new NumberFormatException();
        }
        if (!isDigit(s, 1)) {
            if (fixed) {
                throw new NumberFormatException();
            }
            return new int[] {s.charAt(0) - '0', 1};
        }
        return new int[] {(s.charAt(0) - '0') * 10 + (s.charAt(1) - '0'), 2};
    }

    private static int[] getnum3(String s, boolean fixed) {
        int n = 0;
        int i = 0;
        while (i < 3 && isDigit(s, i)) {
            n = n * 10 + s.charAt(i) - '0';
            i++;
        }
        if (i == 0 || (fixed && i != 3)) {
            throw new NumberFormatException();
        }
        return new int[] {n, i};
    }

    private static boolean isDigit(String s, int i) {
        return i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9';
    }

    private static int fraction(String s) {
        // s starts with '.' or ','
        String d = s.substring(1);
        if (d.isEmpty()) {
            return 0;
        }
        for (int i = 0; i < d.length(); i++) {
            if (!Character.isDigit(d.charAt(i))) {
                throw new NumberFormatException();
            }
        }
        if (d.length() > 9) {
            d = d.substring(0, 9);
        }
        return Integer.parseInt(d + "0".repeat(9 - d.length()));
    }

    private static int lookup(String v, String[] names, boolean abbreviated) {
        for (int i = 0; i < names.length; i++) {
            String n = abbreviated ? names[i].substring(0, 3) : names[i];
            if (v.length() >= n.length() && v.substring(0, n.length()).equalsIgnoreCase(n)) {
                return i;
            }
        }
        throw new NumberFormatException();
    }

    /** Go's parseTimeZone: the length of a zone abbreviation at the start of {@code v}, or 0. */
    private static int parseTimeZone(String v) {
        if (v.length() < 3) {
            return 0;
        }
        if (v.length() >= 4 && (v.startsWith("ChST") || v.startsWith("MeST"))) {
            return 4;
        }
        if (v.startsWith("GMT")) {
            int n = 3;
            if (n < v.length() && (v.charAt(n) == '+' || v.charAt(n) == '-')) {
                n++;
                while (n < v.length() && Character.isDigit(v.charAt(n))) {
                    n++;
                }
            }
            return n;
        }
        if (v.charAt(0) == '+' || v.charAt(0) == '-') {
            int n = 1;
            while (n < v.length() && Character.isDigit(v.charAt(n))) {
                n++;
            }
            return n == 3 || n == 5 ? n : 0;
        }
        int n = 0;
        while (n < v.length() && Character.isUpperCase(v.charAt(n))) {
            n++;
        }
        return switch (n) {
            case 3 -> 3;
            case 4 -> v.charAt(3) == 'T' ? 4 : 0;
            case 5 -> v.charAt(4) == 'T' ? 5 : 0;
            default -> 0;
        };
    }

    private static final long[] UNITS = {1L, 1_000L, 1_000L, 1_000L, 1_000_000L, 1_000_000_000L, 60_000_000_000L, 3_600_000_000_000L};
    private static final String[] UNIT_NAMES = {"ns", "us", "µs", "μs", "ms", "s", "m", "h"};

    /** Go's {@code time.ParseDuration}. */
    static long parseDuration(String orig) throws ParseError {
        String s = orig;
        String quoted = GoFormat.quote(orig, false);
        boolean neg = false;
        if (!s.isEmpty() && (s.charAt(0) == '-' || s.charAt(0) == '+')) {
            neg = s.charAt(0) == '-';
            s = s.substring(1);
        }
        if (s.equals("0")) {
            return 0;
        }
        if (s.isEmpty()) {
            throw new ParseError("time: invalid duration " + quoted);
        }
        java.math.BigInteger total = java.math.BigInteger.ZERO;
        java.math.BigInteger limit = java.math.BigInteger.ONE.shiftLeft(63);
        while (!s.isEmpty()) {
            if (!(s.charAt(0) == '.' || Character.isDigit(s.charAt(0)))) {
                throw new ParseError("time: invalid duration " + quoted);
            }
            int i = 0;
            while (i < s.length() && Character.isDigit(s.charAt(i))) {
                i++;
            }
            String intPart = s.substring(0, i);
            boolean pre = i > 0;
            s = s.substring(i);
            String fracPart = "";
            boolean post = false;
            if (!s.isEmpty() && s.charAt(0) == '.') {
                s = s.substring(1);
                int j = 0;
                while (j < s.length() && Character.isDigit(s.charAt(j))) {
                    j++;
                }
                fracPart = s.substring(0, j);
                post = j > 0;
                s = s.substring(j);
            }
            if (!pre && !post) {
                throw new ParseError("time: invalid duration " + quoted);
            }
            int k = 0;
            while (k < s.length() && s.charAt(k) != '.' && !Character.isDigit(s.charAt(k))) {
                k++;
            }
            if (k == 0) {
                throw new ParseError("time: missing unit in duration " + quoted);
            }
            String u = s.substring(0, k);
            s = s.substring(k);
            long unit = -1;
            for (int x = 0; x < UNIT_NAMES.length; x++) {
                if (UNIT_NAMES[x].equals(u)) {
                    unit = UNITS[x];
                }
            }
            if (unit < 0) {
                throw new ParseError("time: unknown unit " + GoFormat.quote(u, false) + " in duration " + quoted);
            }
            java.math.BigDecimal amount = new java.math.BigDecimal((intPart.isEmpty() ? "0" : intPart) + (fracPart.isEmpty() ? "" : "." + fracPart));
            java.math.BigInteger v = amount.multiply(java.math.BigDecimal.valueOf(unit)).toBigInteger();
            total = total.add(v);
            if (total.compareTo(limit) > 0 || (!neg && total.compareTo(limit) == 0)) {
                throw new ParseError("time: invalid duration " + quoted);
            }
        }
        return neg ? total.negate().longValue() : total.longValue();
    }

    static DayOfWeek weekday(long epochNanos, ZoneId zone) {
        return Instant.ofEpochSecond(Math.floorDiv(epochNanos, 1_000_000_000L)).atZone(zone).getDayOfWeek();
    }
}
