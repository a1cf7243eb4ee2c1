package io.changegate.gate.policy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads the regular files of a tar stream (ustar, with GNU long names and PAX paths), as
 * {@code opa build} and {@code tar} write bundles. Links and devices are ignored; paths that
 * climb out of the archive are refused.
 */
final class TarReader {
    private TarReader() {
    }

    static Map<String, byte[]> read(String source, InputStream in, long maxBytes) throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        byte[] header = new byte[512];
        String longName = null;
        long total = 0;
        while (true) {
            if (in.readNBytes(header, 0, 512) < 512) {
                break;
            }
            if (allZero(header)) {
                break;
            }
            String name = text(header, 0, 100);
            String prefix = text(header, 345, 155);
            long size = octal(source, header, 124, 12);
            char type = (char) header[156];
            total += size;
            if (size < 0 || total > maxBytes) {
                throw new IOException(source + ": the bundle unpacks to more than " + maxBytes + " bytes");
            }
            byte[] content = in.readNBytes((int) size);
            if (content.length < size) {
                throw new IOException(source + ": the archive is truncated in " + name);
            }
            long pad = (512 - size % 512) % 512;
            in.readNBytes((int) pad);
            if (type == 'L') {
                longName = new String(content, StandardCharsets.UTF_8).replace("\0", "");
                continue;
            }
            if (type == 'x') {
                longName = paxPath(new String(content, StandardCharsets.UTF_8), longName);
                continue;
            }
            String path = longName != null ? longName : prefix.isEmpty() ? name : prefix + "/" + name;
            longName = null;
            if (type != '0' && type != '\0') {
                continue;
            }
            path = path.replaceAll("^(\\./)+", "").replaceAll("^/+", "");
            if (path.equals("..") || path.startsWith("../") || path.contains("/../")) {
                throw new IOException(source + ": the archive entry " + path + " climbs out of the bundle");
            }
            files.put(path, content);
        }
        return files;
    }

    private static String paxPath(String records, String fallback) {
        for (String line : records.split("\n")) {
            int space = line.indexOf(' ');
            if (space > 0 && line.startsWith("path=", space + 1)) {
                return line.substring(space + 6);
            }
        }
        return fallback;
    }

    private static boolean allZero(byte[] block) {
        for (byte b : block) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    private static String text(byte[] header, int offset, int length) {
        int end = offset;
        while (end < offset + length && header[end] != 0) {
            end++;
        }
        return new String(header, offset, end - offset, StandardCharsets.UTF_8);
    }

    private static long octal(String source, byte[] header, int offset, int length) throws IOException {
        String text = text(header, offset, length).trim();
        if (text.isEmpty()) {
            return 0;
        }
        try {
            return Long.parseLong(text, 8);
        } catch (NumberFormatException e) {
            throw new IOException(source + ": not a tar archive (bad size field '" + text + "')");
        }
    }
}
