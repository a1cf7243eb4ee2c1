package io.changegate.rego.builtins;

import java.io.ByteArrayOutputStream;

/** Go's {@code encoding/base64} decoding, with its error offsets ({@code illegal base64 data at input byte N}). */
final class GoBase64 {
    static final String STD = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    static final String URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    /** A decoding failure at a byte offset. */
    static final class CorruptInput extends Exception {
        final int offset;

        CorruptInput(int offset) {
            super("illegal base64 data at input byte " + offset, null, false, false);
            this.offset = offset;
        }
    }

    private GoBase64() {
    }

    static byte[] decode(String src, String alphabet, boolean padded) throws CorruptInput {
        byte[] in = src.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream(in.length * 3 / 4);
        int si = 0;
        while (true) {
            int[] dbuf = new int[4];
            int dlen = 4;
            boolean done = false;
            int j = 0;
            while (j < 4) {
                if (si == in.length) {
                    if (j == 0) {
                        return out.toByteArray();
                    }
                    if (j == 1 || padded) {
                        throw new CorruptInput(si - j);
                    }
                    dlen = j;
                    done = true;
                    break;
                }
                int c = in[si] & 0xFF;
                si++;
                if (c == '\n' || c == '\r') {
                    continue;
                }
                if (padded && c == '=') {
                    switch (j) {
                        case 0, 1 -> throw new CorruptInput(si - 1);
                        case 2 -> {
                            while (si < in.length && (in[si] == '\n' || in[si] == '\r')) {
                                si++;
                            }
                            if (si == in.length) {
                                throw new CorruptInput(in.length);
                            }
                            if (in[si] != '=') {
                                throw new CorruptInput(si - 1);
                            }
                            si++;
                        }
                        default -> {
                        }
                    }
                    while (si < in.length && (in[si] == '\n' || in[si] == '\r')) {
                        si++;
                    }
                    if (si < in.length) {
                        throw new CorruptInput(si);
                    }
                    dlen = j;
                    done = true;
                    break;
                }
                int v = c < 128 ? alphabet.indexOf(c) : -1;
                if (v < 0) {
                    throw new CorruptInput(si - 1);
                }
                dbuf[j++] = v;
            }
            int val = dbuf[0] << 18 | dbuf[1] << 12 | dbuf[2] << 6 | dbuf[3];
            if (dlen >= 2) {
                out.write(val >> 16);
            }
            if (dlen >= 3) {
                out.write((val >> 8) & 0xFF);
            }
            if (dlen >= 4) {
                out.write(val & 0xFF);
            }
            if (done) {
                return out.toByteArray();
            }
        }
    }

    static String encode(byte[] data, String alphabet, boolean padded) {
        StringBuilder sb = new StringBuilder((data.length + 2) / 3 * 4);
        int i = 0;
        for (; i + 3 <= data.length; i += 3) {
            int v = (data[i] & 0xFF) << 16 | (data[i + 1] & 0xFF) << 8 | (data[i + 2] & 0xFF);
            sb.append(alphabet.charAt(v >> 18)).append(alphabet.charAt((v >> 12) & 63))
                    .append(alphabet.charAt((v >> 6) & 63)).append(alphabet.charAt(v & 63));
        }
        int rest = data.length - i;
        if (rest == 1) {
            int v = (data[i] & 0xFF) << 16;
            sb.append(alphabet.charAt(v >> 18)).append(alphabet.charAt((v >> 12) & 63));
            if (padded) {
                sb.append("==");
            }
        } else if (rest == 2) {
            int v = (data[i] & 0xFF) << 16 | (data[i + 1] & 0xFF) << 8;
            sb.append(alphabet.charAt(v >> 18)).append(alphabet.charAt((v >> 12) & 63)).append(alphabet.charAt((v >> 6) & 63));
            if (padded) {
                sb.append('=');
            }
        }
        return sb.toString();
    }

    /** base64url as OPA decodes it: padding is added when missing (RFC 7515 appendix C). */
    static byte[] decodeUrlLenient(String s) throws CorruptInput, IllegalArgumentException {
        if (!s.endsWith("=")) {
            switch (s.length() % 4) {
                case 0 -> {
                }
                case 2 -> s += "==";
                case 3 -> s += "=";
                default -> throw new IllegalArgumentException("illegal base64url string: " + s);
            }
        }
        return decode(s, URL, true);
    }
}
