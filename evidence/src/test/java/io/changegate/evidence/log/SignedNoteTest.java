package io.changegate.evidence.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SignedNoteTest {
    @Test
    void aNoteSignedByGoSumdbNoteVerifies() throws Exception {
        // The example from the signed-note documentation of Go's golang.org/x/mod/sumdb/note.
        NoteVerifier verifier = NoteVerifier.parse("PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW");
        String note = "If you think cryptography is the answer to your problem,\n"
                + "then you don't know what your problem is.\n"
                + "\n"
                + "\u2014 PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n";
        assertThat(verifier.open(note)).startsWith("If you think cryptography");
        assertThatThrownBy(() -> verifier.open(note.replace("answer", "solution")))
                .isInstanceOf(NoteException.class).hasMessageContaining("does not verify");
    }

    @Test
    void aSignedCheckpointRoundTripsThroughItsTextForms() throws Exception {
        NoteSigner signer = NoteSigner.generate("changegate.example/log");
        Checkpoint checkpoint = new Checkpoint("changegate.example/log", 42, new byte[32]);
        String note = signer.sign(checkpoint.text());

        NoteVerifier verifier = NoteVerifier.parse(signer.verifier().encoded());
        assertThat(Checkpoint.parse(verifier.open(note))).isEqualTo(checkpoint);
        assertThat(NoteSigner.parse(signer.encoded()).verifier().encoded()).isEqualTo(signer.verifier().encoded());
        assertThat(note).contains("\n\n\u2014 changegate.example/log ");
    }

    @Test
    void aNoteSignedByAnotherKeyIsRejected() throws Exception {
        NoteSigner signer = NoteSigner.generate("log");
        NoteVerifier stranger = NoteSigner.generate("log").verifier();
        String note = signer.sign("log\n1\n" + java.util.Base64.getEncoder().encodeToString(new byte[32]) + "\n");
        assertThatThrownBy(() -> stranger.open(note)).hasMessageContaining("has no signature by key log+");
    }

    @Test
    void malformedCheckpointTextNamesTheLine() {
        assertThatThrownBy(() -> Checkpoint.parse("origin\nten\nAAAA\n")).hasMessageContaining("line 2");
        assertThatThrownBy(() -> Checkpoint.parse("origin\n10\nAAAA\n")).hasMessageContaining("line 3");
        assertThatThrownBy(() -> NoteVerifier.parse("log+00000000+AAAA")).isInstanceOf(NoteException.class);
    }
}
