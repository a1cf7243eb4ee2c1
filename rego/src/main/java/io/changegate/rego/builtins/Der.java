package io.changegate.rego.builtins;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A minimal DER reader and writer: enough to take certificates and keys apart and to rewrap keys. */
final class Der {
    /** A malformed encoding, with Go's asn1 error text. */
    static final class DerException extends Exception {
        DerException(String message) {
            super(message, null, false, false);
        }
    }

    /** One element: tag byte, the full encoding, and where its content starts and ends. */
    record Element(int tag, byte[] buf, int start, int contentStart, int end) {
        byte[] raw() {
            return Arrays.copyOfRange(buf, start, end);
        }

        byte[] content() {
            return Arrays.copyOfRange(buf, contentStart, end);
        }

        boolean constructed() {
            return (tag & 0x20) != 0;
        }

        int tagClass() {
            return tag & 0xC0;
        }

        int tagNumber() {
            return tag & 0x1F;
        }

        List<Element> children() throws DerException {
            return Der.readAll(buf, contentStart, end);
        }

        BigInteger integer() {
            return new BigInteger(content());
        }

        /** An OBJECT IDENTIFIER's arcs. */
        List<Long> oid() {
            List<Long> arcs = new ArrayList<>();
            long v = 0;
            boolean first = true;
            for (int i = contentStart; i < end; i++) {
                v = (v << 7) | (buf[i] & 0x7F);
                if ((buf[i] & 0x80) == 0) {
                    if (first) {
                        long a = Math.min(v / 40, 2);
                        arcs.add(a);
                        arcs.add(v - a * 40);
                        first = false;
                    } else {
                        arcs.add(v);
                    }
                    v = 0;
                }
            }
            return arcs;
        }

        String oidString() {
            StringBuilder sb = new StringBuilder();
            for (long a : oid()) {
                sb.append(sb.isEmpty() ? "" : ".").append(a);
            }
            return sb.toString();
        }
    }

    private Der() {
    }

    static Element read(byte[] buf) throws DerException {
        List<Element> all = readAll(buf, 0, buf.length);
        if (all.isEmpty()) {
            throw new DerException("asn1: syntax error: sequence truncated");
        }
        return all.getFirst();
    }

    static List<Element> readAll(byte[] buf, int from, int to) throws DerException {
        List<Element> out = new ArrayList<>();
        int pos = from;
        while (pos < to) {
            int start = pos;
            if (pos + 2 > to) {
                throw new DerException("asn1: syntax error: data truncated");
            }
            int tag = buf[pos++] & 0xFF;
            if ((tag & 0x1F) == 0x1F) {
                throw new DerException("asn1: structure error: high-tag-number form is not supported");
            }
            int len = buf[pos++] & 0xFF;
            if (len >= 0x80) {
                int n = len & 0x7F;
                if (n == 0 || n > 4 || pos + n > to) {
                    throw new DerException("asn1: syntax error: data truncated");
                }
                len = 0;
                for (int i = 0; i < n; i++) {
                    len = (len << 8) | (buf[pos++] & 0xFF);
                }
                if (len < 0) {
                    throw new DerException("asn1: syntax error: data truncated");
                }
            }
            if (pos + len > to) {
                throw new DerException("asn1: syntax error: data truncated");
            }
            out.add(new Element(tag, buf, start, pos, pos + len));
            pos += len;
        }
        return out;
    }

    static byte[] tlv(int tag, byte[]... parts) {
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            content.writeBytes(p);
        }
        byte[] c = content.toByteArray();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        int len = c.length;
        if (len < 0x80) {
            out.write(len);
        } else if (len < 0x100) {
            out.write(0x81);
            out.write(len);
        } else if (len < 0x10000) {
            out.write(0x82);
            out.write(len >> 8);
            out.write(len);
        } else {
            out.write(0x83);
            out.write(len >> 16);
            out.write(len >> 8);
            out.write(len);
        }
        out.writeBytes(c);
        return out.toByteArray();
    }

    static byte[] sequence(byte[]... parts) {
        return tlv(0x30, parts);
    }

    static byte[] integer(BigInteger v) {
        return tlv(0x02, v.toByteArray());
    }

    static byte[] oid(String dotted) {
        String[] p = dotted.split("\\.");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long[] arcs = Arrays.stream(p).mapToLong(Long::parseLong).toArray();
        writeBase128(out, arcs[0] * 40 + arcs[1]);
        for (int i = 2; i < arcs.length; i++) {
            writeBase128(out, arcs[i]);
        }
        return tlv(0x06, out.toByteArray());
    }

    private static void writeBase128(ByteArrayOutputStream out, long v) {
        int n = 1;
        for (long t = v >>> 7; t != 0; t >>>= 7) {
            n++;
        }
        for (int i = n - 1; i >= 0; i--) {
            int b = (int) ((v >>> (7 * i)) & 0x7F);
            out.write(i > 0 ? b | 0x80 : b);
        }
    }

    static byte[] octetString(byte[] v) {
        return tlv(0x04, v);
    }

    static byte[] nul() {
        return new byte[] {0x05, 0x00};
    }
}
