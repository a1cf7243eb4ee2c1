package io.changegate.evidence.store;

import io.changegate.evidence.log.NoteException;
import io.changegate.evidence.log.NoteSigner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/** The log's checkpoint-signing key, kept in a file outside the database so the database alone cannot re-sign. */
public final class StoreKeys {
    /** The default key name, which is also the log's origin line. */
    public static final String DEFAULT_ORIGIN = "changegate/evidence-log";
    /** The signer key file in an embedded store's directory. */
    public static final String SIGNER_FILE = "log-signer.key";
    /** The verifier (public) key file beside it, to hand to auditors. */
    public static final String VERIFIER_FILE = "log-verifier.pub";

    private StoreKeys() {
    }

    /** Reads the signer key from {@code file}. */
    public static NoteSigner load(Path file) {
        try {
            return NoteSigner.parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new StoreException("cannot read the log signing key " + file + ": " + e.getMessage(), e);
        } catch (NoteException e) {
            throw new StoreException("the log signing key " + file + " is not valid: " + e.getMessage());
        }
    }

    /**
     * Reads the signer key in {@code directory}, first creating one (readable by the owner only) and its
     * public verifier key when the directory has none.
     */
    public static NoteSigner loadOrCreate(Path directory, String origin) {
        Path signerFile = directory.resolve(SIGNER_FILE);
        if (!Files.exists(signerFile)) {
            NoteSigner signer = NoteSigner.generate(origin);
            try {
                Files.createDirectories(directory);
                Files.writeString(signerFile, signer.encoded() + "\n", StandardCharsets.UTF_8,
                        StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                restrictToOwner(signerFile);
                Files.writeString(directory.resolve(VERIFIER_FILE), signer.verifier().encoded() + "\n",
                        StandardCharsets.UTF_8);
            } catch (FileAlreadyExistsException raced) {
                return load(signerFile);
            } catch (IOException e) {
                throw new StoreException("cannot create the log signing key " + signerFile + ": " + e.getMessage(), e);
            }
            return signer;
        }
        return load(signerFile);
    }

    private static void restrictToOwner(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // Windows and other non-POSIX file systems: rely on the directory's permissions.
        }
    }
}
