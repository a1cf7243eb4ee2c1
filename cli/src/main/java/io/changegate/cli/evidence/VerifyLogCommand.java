package io.changegate.cli.evidence;

import com.fasterxml.jackson.databind.JsonNode;
import io.changegate.cli.CliCommand;
import io.changegate.cli.CliException;
import io.changegate.evidence.log.Checkpoint;
import io.changegate.evidence.log.NoteException;
import io.changegate.evidence.log.NoteVerifier;
import io.changegate.evidence.log.SignedCheckpoint;
import io.changegate.evidence.store.EvidenceItem;
import io.changegate.evidence.store.EvidenceItemJson;
import io.changegate.evidence.store.EvidenceLeaf;
import io.changegate.evidence.store.LogReport;
import io.changegate.evidence.store.StoreKeys;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code changegate evidence verify-log}: checks the log offline — the checkpoint's signature, that
 * every item is included under it, that an earlier trusted checkpoint is a prefix of it, and (for
 * the embedded store) that no stored row was altered.
 */
@Command(name = "verify-log", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Verify the evidence log: the latest checkpoint's signature, every item's inclusion proof,",
                "consistency with an earlier checkpoint you trust, and (with --store) every stored row against its leaf.",
                "Exit code: 0 verified, 1 verification failed (each failure is printed), 2 usage or system error."})
public final class VerifyLogCommand extends CliCommand {
    private static final int PAGE = 500;

    @Option(names = "--checkpoint", paramLabel = "FILE",
            description = "A checkpoint saved earlier (signed note): the log must still extend it.")
    Path trustedCheckpoint;

    @Option(names = "--public-key", paramLabel = "FILE",
            description = "The log's verifier key (<name>+<id>+<key>). Default with --store: DIR/" + StoreKeys.VERIFIER_FILE
                    + "; required with --server.")
    Path publicKey;

    @Option(names = "--save-checkpoint", paramLabel = "FILE",
            description = "After success, write the verified latest checkpoint here, to pass as --checkpoint next time.")
    Path saveCheckpoint;

    @Mixin
    BackendOptions backend;

    @Override
    protected int execute() throws CliException {
        NoteVerifier verifier = verifier();
        SignedCheckpoint trusted = trustedCheckpoint == null ? null : readCheckpoint(trustedCheckpoint, verifier);
        List<String> failures = new ArrayList<>();
        try (EvidenceBackend evidence = backend.open()) {
            SignedCheckpoint latest;
            try {
                latest = SignedCheckpoint.open(evidence.checkpointNote(), verifier);
            } catch (NoteException e) {
                out().println("FAIL latest checkpoint: " + e.getMessage());
                return 1;
            }
            Checkpoint head = latest.checkpoint();
            if (trusted != null) {
                checkConsistency(evidence, trusted.checkpoint(), head, failures);
            }
            if (evidence instanceof LocalEvidence local) {
                // With the database at hand, audit everything: each row against its leaf, every leaf
                // against every signed checkpoint, every interior node against its children.
                LogReport report = local.store().audit(verifier);
                failures.addAll(report.problems());
            } else {
                long items = checkInclusion(evidence, head, failures);
                if (items != head.size()) {
                    failures.add("the checkpoint covers " + head.size() + " leaves but " + items + " items are listed");
                }
            }
            failures.forEach(failure -> out().println("FAIL " + failure));
            if (!failures.isEmpty()) {
                out().println("log verification failed: " + failures.size() + " problem(s)");
                return 1;
            }
            out().printf("log verified: %s, %d leaves, root %s%s%n", head.origin(), head.size(),
                    Base64.getEncoder().encodeToString(head.rootHash()),
                    trusted == null ? "" : ", consistent with the checkpoint at size " + trusted.checkpoint().size());
            if (saveCheckpoint != null) {
                write(saveCheckpoint, latest.note());
            }
            return 0;
        }
    }

    private static void checkConsistency(EvidenceBackend evidence, Checkpoint trusted, Checkpoint head,
                                         List<String> failures) throws CliException {
        if (!trusted.origin().equals(head.origin())) {
            failures.add("the trusted checkpoint is for log " + trusted.origin() + ", not " + head.origin());
        } else if (trusted.size() > head.size()) {
            failures.add("the log shrank: the trusted checkpoint has " + trusted.size() + " leaves, the latest "
                    + head.size());
        } else if (!evidence.consistencyProof(trusted.size(), head.size())
                .verifies(trusted.rootHash(), head.rootHash())) {
            failures.add("the log is not an extension of the trusted checkpoint at size " + trusted.size()
                    + ": its history was rewritten");
        }
    }

    /** Checks every item's inclusion under {@code head}; returns the number of items seen. */
    private static long checkInclusion(EvidenceBackend evidence, Checkpoint head, List<String> failures)
            throws CliException {
        long seen = 0;
        long after = -1;
        while (true) {
            List<JsonNode> page = evidence.list(null, after, PAGE);
            for (JsonNode json : page) {
                EvidenceItem item;
                try {
                    item = EvidenceItemJson.read(json);
                } catch (IllegalArgumentException e) {
                    failures.add("an item cannot be read: " + e.getMessage());
                    continue;
                }
                after = item.leafIndex();
                if (item.leafIndex() >= head.size()) {
                    continue; // appended after the checkpoint was read
                }
                seen++;
                if (!evidence.inclusionProof(item.leafIndex(), head.size())
                        .verifies(EvidenceLeaf.hash(item), head.rootHash())) {
                    failures.add("evidence item " + item.id() + " (leaf " + item.leafIndex()
                            + ") is not included in the log as signed: the item or the log was altered");
                }
            }
            if (page.size() < PAGE) {
                return seen;
            }
        }
    }

    private NoteVerifier verifier() throws CliException {
        Path keyFile = publicKey;
        if (keyFile == null) {
            if (backend.remote()) {
                throw new CliException("error: --public-key FILE is required with --server: the log's verifier key", 2);
            }
            keyFile = backend.storeDirectory().resolve(StoreKeys.VERIFIER_FILE);
            if (!Files.exists(keyFile)) {
                throw new CliException("error: " + keyFile + ": no verifier key; is " + backend.storeDirectory()
                        + " an evidence store?", 2);
            }
        }
        try {
            return NoteVerifier.parse(Files.readString(keyFile, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new CliException("error: " + keyFile + ": cannot read: " + AddCommand.describeIo(e), 2);
        } catch (NoteException e) {
            throw new CliException("error: " + keyFile + ": " + e.getMessage(), 2);
        }
    }

    private static SignedCheckpoint readCheckpoint(Path file, NoteVerifier verifier) throws CliException {
        String note;
        try {
            note = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new CliException("error: " + file + ": cannot read: " + AddCommand.describeIo(e), 2);
        }
        try {
            return SignedCheckpoint.open(note, verifier);
        } catch (NoteException e) {
            throw new CliException("error: " + file + ": the trusted checkpoint does not verify: " + e.getMessage(), 1);
        }
    }

    private static void write(Path file, String note) throws CliException {
        try {
            Files.writeString(file, note, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new CliException("error: " + file + ": cannot write: " + AddCommand.describeIo(e), 2);
        }
    }
}
