package io.changegate.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.changegate.server.ApiTokens;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.TreeSet;

/**
 * The administrator token {@code changegate serve} creates on its first start, when no token file
 * exists: every scope, shown to the person starting the server once, and only its SHA-256 written
 * to the token file (in the format {@link ApiTokens} reads), so nothing on disk is a usable secret.
 *
 * @param token the secret; print it once, never log it
 * @param hash  its SHA-256, as the token file keeps it
 */
record AdminToken(String token, String hash) {
    static final String TEAM = "admin";

    /** A new random token (256 bits), not yet saved. */
    static AdminToken generate() {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        String token = "cg_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        return new AdminToken(token, ApiTokens.hash(token));
    }

    /** The registry accepting this token with every scope. */
    ApiTokens tokens() {
        return ApiTokens.of(Map.of(hash, new ApiTokens.Caller(TEAM, ApiTokens.ALL_SCOPES)));
    }

    /** Writes the token file (owner-only), refusing to replace one that appeared meanwhile. */
    void save(Path file) throws IOException {
        ObjectNode root = new ObjectMapper().createObjectNode();
        ObjectNode entry = root.putObject("teams").putArray(TEAM).addObject();
        entry.put("sha256", hash);
        new TreeSet<>(ApiTokens.ALL_SCOPES).forEach(entry.putArray("scopes")::add);
        byte[] json = new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        Files.write(file, json, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // The file holds hashes only; the directory's permissions are enough elsewhere.
        }
    }

    @Override
    public String toString() {
        return "AdminToken[hash=" + hash + "]";
    }
}
