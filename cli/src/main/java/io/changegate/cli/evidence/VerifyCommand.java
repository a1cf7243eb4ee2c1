package io.changegate.cli.evidence;

import io.changegate.evidence.envelope.CosignSignature;
import io.changegate.evidence.envelope.DsseEnvelope;
import io.changegate.evidence.envelope.Envelope;
import io.changegate.evidence.envelope.EnvelopeFormatException;
import io.changegate.evidence.envelope.Envelopes;
import io.changegate.evidence.envelope.InTotoStatement;
import io.changegate.evidence.envelope.SigstoreBundle;
import io.changegate.evidence.formats.EvidenceFormatException;
import io.changegate.evidence.formats.EvidenceReaders;
import io.changegate.evidence.formats.ParsedEvidence;
import io.changegate.evidence.verify.EvidenceVerifier;
import io.changegate.evidence.verify.IdentityPolicy;
import io.changegate.evidence.verify.PublicKeys;
import io.changegate.evidence.verify.TrustedRoot;
import io.changegate.evidence.verify.VerificationPolicy;
import io.changegate.evidence.verify.VerificationResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;

/**
 * {@code changegate evidence verify}: verifies the signatures of an envelope file offline, with
 * cosign's flag names. Exit 0 when every envelope in the file verifies, 1 when one does not (with
 * the reason), 2 for usage errors and malformed input.
 */
@Command(name = "verify", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Verify the signatures of a DSSE envelope, Sigstore bundle (.json or .jsonl), cosign attestation"
                + " or cosign signature, offline.",
                "Exit code: 0 verified, 1 not verified (the reason is printed), 2 usage error or malformed input."})
public final class VerifyCommand implements Callable<Integer> {
    /** Our own pattern for the --subject flag, not user-supplied, so java.util.regex is safe. */
    private static final Pattern DIGEST = Pattern.compile("(sha256|sha384|sha512):[0-9a-fA-F]+");

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "The envelope file to verify.")
    Path file;

    @Option(names = "--key", paramLabel = "PEM", description = "A PEM public key for keyed signatures (repeatable).")
    List<Path> keys = new ArrayList<>();

    @Option(names = "--trusted-root", paramLabel = "JSON",
            description = "A Sigstore trusted_root.json: Fulcio CAs, Rekor logs and timestamp authorities.")
    Path trustedRoot;

    @Option(names = "--certificate-identity", paramLabel = "ID", description = "The exact certificate identity (SAN) to accept.")
    String identity;

    @Option(names = "--certificate-identity-regexp", paramLabel = "RE",
            description = "An RE2 regular expression the whole certificate identity (SAN) must match.")
    String identityRegexp;

    @Option(names = "--certificate-oidc-issuer", paramLabel = "ISS", description = "The exact OIDC issuer to accept.")
    String issuer;

    @Option(names = "--certificate-oidc-issuer-regexp", paramLabel = "RE",
            description = "An RE2 regular expression the whole OIDC issuer must match.")
    String issuerRegexp;

    @Option(names = "--subject", paramLabel = "sha256:HEX", description = "The artifact digest the signature must cover.")
    String subject;

    @Option(names = "--allow-untimestamped",
            description = "Accept a certificate signature that no transparency log entry or signed timestamp dates"
                    + " (bare DSSE envelopes); the certificate is then checked only at its issuance.")
    boolean allowUntimestamped;

    /** Failures of the command line itself: usage or malformed input, exit 2. */
    private static final class UsageError extends Exception {
        UsageError(String message) {
            super(message, null, false, false);
        }
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            VerificationPolicy policy = policy();
            List<Envelope> envelopes = Envelopes.parse(file.toString(), read(file));
            EvidenceVerifier verifier = new EvidenceVerifier(policy);
            boolean allVerified = true;
            for (Envelope envelope : envelopes) {
                allVerified &= report(envelope, verifier.verify(envelope), out, err);
            }
            return allVerified ? 0 : 1;
        } catch (UsageError e) {
            err.println("error: " + e.getMessage());
            return 2;
        } catch (EnvelopeFormatException e) {
            err.println("error: " + e.getMessage());
            return 2;
        } finally {
            out.flush();
            err.flush();
        }
    }

    private VerificationPolicy policy() throws UsageError {
        if (keys.isEmpty() && trustedRoot == null) {
            throw new UsageError("give --key PEM for a keyed signature or --trusted-root JSON for a keyless (Sigstore) one");
        }
        if (identity != null && identityRegexp != null) {
            throw new UsageError("give --certificate-identity or --certificate-identity-regexp, not both");
        }
        if (issuer != null && issuerRegexp != null) {
            throw new UsageError("give --certificate-oidc-issuer or --certificate-oidc-issuer-regexp, not both");
        }
        boolean anyIdentity = identity != null || identityRegexp != null || issuer != null || issuerRegexp != null;
        if (keys.isEmpty() || anyIdentity) {
            // As cosign: keyless verification without an identity policy would accept anyone Fulcio certified.
            if (identity == null && identityRegexp == null) {
                throw new UsageError("--certificate-identity or --certificate-identity-regexp is required for verification in keyless mode");
            }
            if (issuer == null && issuerRegexp == null) {
                throw new UsageError("--certificate-oidc-issuer or --certificate-oidc-issuer-regexp is required for verification in keyless mode");
            }
        }
        if (subject != null && !DIGEST.matcher(subject).matches()) {
            throw new UsageError("--subject: expected algorithm:hex such as sha256:ab12…, found " + subject);
        }
        VerificationPolicy.Builder builder = VerificationPolicy.builder()
                .subjectDigest(subject).allowUntimestamped(allowUntimestamped);
        for (Path key : keys) {
            builder.key(key.getFileName().toString(),
                    PublicKeys.fromPem(key.toString(), new String(read(key), StandardCharsets.US_ASCII)));
        }
        if (trustedRoot != null) {
            builder.trustedRoot(TrustedRoot.parse(trustedRoot.toString(), read(trustedRoot)));
        }
        if (identity != null || identityRegexp != null) {
            builder.identity(new IdentityPolicy(match("--certificate-identity", identity, identityRegexp),
                    match("--certificate-oidc-issuer", issuer, issuerRegexp)));
        }
        return builder.build();
    }

    private static IdentityPolicy.Match match(String flag, String exact, String regexp) throws UsageError {
        if (exact != null) {
            return IdentityPolicy.Match.exactly(exact);
        }
        try {
            return IdentityPolicy.Match.regex(regexp);
        } catch (IllegalArgumentException e) {
            throw new UsageError(flag + "-regexp: " + e.getMessage());
        }
    }

    private static byte[] read(Path path) throws UsageError {
        try {
            return Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            throw new UsageError(path + ": no such file");
        } catch (AccessDeniedException e) {
            throw new UsageError(path + ": permission denied");
        } catch (IOException e) {
            throw new UsageError(path + ": cannot be read: " + e.getMessage());
        }
    }

    private boolean report(Envelope envelope, VerificationResult result, PrintWriter out, PrintWriter err) {
        String where = file + (envelope.location().isEmpty() ? "" : " (" + envelope.location() + ")");
        if (result.verified()) {
            out.println("Verified OK: " + where);
        } else {
            out.println("NOT verified: " + where);
        }
        out.println("  envelope: " + describe(envelope));
        for (String s : result.subjects()) {
            out.println("  subject: " + s);
        }
        if (result.signer() != null) {
            out.println("  signer: " + result.signer());
        }
        predicate(envelope).ifPresent(p -> out.println("  predicate: " + p));
        for (String check : result.checks()) {
            out.println("  check: " + check);
        }
        if (!result.verified()) {
            out.println("  failed: " + result.failure());
            err.println(where + ": verification failed: " + result.failure());
        }
        return result.verified();
    }

    private static String describe(Envelope envelope) {
        return switch (envelope) {
            case SigstoreBundle b -> "Sigstore bundle v" + b.version() + (b.content() instanceof DsseEnvelope
                    ? " with a DSSE envelope" : " with a message signature");
            case DsseEnvelope d -> "DSSE envelope (" + d.payloadType() + ", " + d.signatures().size() + " signature(s))";
            case InTotoStatement s -> "unsigned in-toto Statement (" + s.predicateType() + ")";
            case CosignSignature c -> "cosign simple-signing signature (" + c.simpleSigning().type() + ")";
        };
    }

    /** The Statement's predicate type and, where the formats module reads it, its normalised kind. */
    private java.util.Optional<String> predicate(Envelope envelope) {
        InTotoStatement statement = switch (envelope) {
            case InTotoStatement s -> s;
            case DsseEnvelope d when d.carriesStatement() -> statementOf(d);
            case SigstoreBundle b when b.content() instanceof DsseEnvelope d && d.carriesStatement() -> statementOf(d);
            default -> null;
        };
        if (statement == null) {
            return java.util.Optional.empty();
        }
        try {
            byte[] predicate = statement.predicate().toString().getBytes(StandardCharsets.UTF_8);
            ParsedEvidence parsed = EvidenceReaders.standard().readAs(statement.predicateType(), file.toString(), predicate);
            return java.util.Optional.of(statement.predicateType() + " (read as " + parsed.kind() + ", " + parsed.format() + ")");
        } catch (EvidenceFormatException | RuntimeException e) {
            return java.util.Optional.of(statement.predicateType() + " (not normalised: " + e.getMessage() + ")");
        }
    }

    private InTotoStatement statementOf(DsseEnvelope dsse) {
        try {
            return dsse.statement(file.toString());
        } catch (EnvelopeFormatException e) {
            return null;
        }
    }
}
