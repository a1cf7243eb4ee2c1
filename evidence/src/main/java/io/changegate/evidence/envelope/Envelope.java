package io.changegate.evidence.envelope;

/**
 * One signed (or plain) evidence wrapper read from a file: a DSSE envelope, a Sigstore bundle, a
 * bare in-toto Statement or a cosign simple-signing signature.
 */
public sealed interface Envelope permits DsseEnvelope, SigstoreBundle, InTotoStatement, CosignSignature {
    /** Where in the source this envelope was found, e.g. {@code line 2} or {@code attestations[1]}. */
    String location();
}
