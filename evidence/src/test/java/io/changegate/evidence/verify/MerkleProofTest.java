package io.changegate.evidence.verify;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** RFC 6962 inclusion proofs, checked against trees built independently here. */
class MerkleProofTest {
    private static byte[] leaf(int i) {
        return TransparencyLogs.leafHash(("entry " + i).getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] node(byte[] left, byte[] right) {
        var sha = TransparencyLogs.sha256();
        sha.update((byte) 1);
        sha.update(left);
        sha.update(right);
        return sha.digest();
    }

    /** RFC 6962 section 2.1: MTH over leaves [from, to), splitting at the largest power of two below the size. */
    private static byte[] root(int from, int to) {
        if (to - from == 1) {
            return leaf(from);
        }
        int k = Integer.highestOneBit(to - from - 1);
        return node(root(from, from + k), root(from + k, to));
    }

    /** RFC 6962 section 2.1.1: the audit path of leaf m in the tree over [from, to). */
    private static List<byte[]> path(int m, int from, int to) {
        List<byte[]> out = new ArrayList<>();
        if (to - from == 1) {
            return out;
        }
        int k = Integer.highestOneBit(to - from - 1);
        if (m < from + k) {
            out.addAll(path(m, from, from + k));
            out.add(root(from + k, to));
        } else {
            out.addAll(path(m, from + k, to));
            out.add(root(from, from + k));
        }
        return out;
    }

    @Test
    void everyLeafOfTreesUpToSeventeenLeavesProvesItsInclusion() {
        for (int size = 1; size <= 17; size++) {
            byte[] expected = root(0, size);
            for (int i = 0; i < size; i++) {
                assertThat(TransparencyLogs.rootFromAuditPath(i, size, leaf(i), path(i, 0, size)))
                        .as("leaf %d of %d", i, size).isEqualTo(expected);
            }
        }
    }

    @Test
    void aProofForAnotherLeafOrIndexLeadsElsewhere() {
        List<byte[]> proof = path(3, 0, 11);
        byte[] expected = root(0, 11);
        assertThat(TransparencyLogs.rootFromAuditPath(3, 11, leaf(4), proof)).isNotEqualTo(expected);
        assertThat(TransparencyLogs.rootFromAuditPath(2, 11, leaf(3), proof)).isNotEqualTo(expected);
    }

    @Test
    void aProofWithTheWrongNumberOfHashesOrAnIndexOutsideTheTreeIsMalformed() {
        List<byte[]> proof = new ArrayList<>(path(5, 0, 9));
        proof.add(leaf(0));
        assertThat(TransparencyLogs.rootFromAuditPath(5, 9, leaf(5), proof)).isNull();
        assertThat(TransparencyLogs.rootFromAuditPath(5, 9, leaf(5), proof.subList(0, proof.size() - 2))).isNull();
        assertThat(TransparencyLogs.rootFromAuditPath(9, 9, leaf(9), path(5, 0, 9))).isNull();
    }
}
