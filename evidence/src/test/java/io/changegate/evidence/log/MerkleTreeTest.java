package io.changegate.evidence.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class MerkleTreeTest {
    private static final int LEAVES = 70;

    /** The RFC 6962 MTH, written straight from its definition, to check the stored-node arithmetic. */
    private static byte[] referenceRoot(List<byte[]> data) {
        if (data.isEmpty()) {
            return TreeHashes.emptyRoot();
        }
        if (data.size() == 1) {
            return TreeHashes.leafHash(data.get(0));
        }
        int k = Integer.highestOneBit(data.size() - 1);
        return TreeHashes.nodeHash(referenceRoot(data.subList(0, k)), referenceRoot(data.subList(k, data.size())));
    }

    private static List<byte[]> data(int n) {
        List<byte[]> data = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            data.add(InMemoryNodes.leafData(i));
        }
        return data;
    }

    @Test
    void rootsFromStoredNodesMatchTheRfcDefinitionAtEverySize() {
        InMemoryNodes nodes = new InMemoryNodes();
        MerkleTree tree = new MerkleTree(nodes);
        for (int n = 0; n <= LEAVES; n++) {
            assertThat(tree.rootHash(n)).as("root of size %d", n).isEqualTo(referenceRoot(data(n)));
            assertThat(nodes.frontierRoot()).as("frontier root of size %d", n).isEqualTo(referenceRoot(data(n)));
            nodes.append(InMemoryNodes.leafData(n));
        }
    }

    @Test
    void theEmptyTreeHasTheWellKnownRoot() {
        assertThat(HexFormat.of().formatHex(TreeHashes.emptyRoot()))
                .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }

    @Test
    void everyInclusionProofVerifiesAndNoWrongLeafOrRootDoes() {
        MerkleTree tree = new MerkleTree(InMemoryNodes.withLeaves(LEAVES));
        for (int n = 1; n <= LEAVES; n++) {
            byte[] root = tree.rootHash(n);
            for (int i = 0; i < n; i++) {
                InclusionProof proof = tree.inclusionProof(i, n);
                byte[] leaf = TreeHashes.leafHash(InMemoryNodes.leafData(i));
                assertThat(proof.verifies(leaf, root)).as("leaf %d at size %d", i, n).isTrue();
                assertThat(proof.verifies(TreeHashes.leafHash(InMemoryNodes.leafData(i + 1)), root)).isFalse();
                if (!proof.path().isEmpty()) {
                    List<byte[]> damaged = new ArrayList<>(proof.path());
                    byte[] first = damaged.get(0).clone();
                    first[0] ^= 1;
                    damaged.set(0, first);
                    assertThat(new InclusionProof(i, n, damaged).verifies(leaf, root)).isFalse();
                }
            }
        }
    }

    @Test
    void everyConsistencyProofVerifiesAndARewrittenHistoryDoesNot() {
        MerkleTree tree = new MerkleTree(InMemoryNodes.withLeaves(LEAVES));
        List<byte[]> forged = data(LEAVES);
        forged.set(3, "forged".getBytes());
        for (int n = 1; n <= LEAVES; n++) {
            for (int m = 0; m <= n; m++) {
                ConsistencyProof proof = tree.consistencyProof(m, n);
                assertThat(proof.verifies(tree.rootHash(m), tree.rootHash(n)))
                        .as("from %d to %d", m, n).isTrue();
                if (m > 3 && m < n) {
                    assertThat(proof.verifies(referenceRoot(forged.subList(0, m)), tree.rootHash(n)))
                            .as("forged old tree %d to %d", m, n).isFalse();
                }
            }
        }
    }

    @Test
    void proofsMatchTheKnownRfc6962Vectors() {
        // The eight-leaf tree of the Certificate Transparency test vectors (leaves "", 0x00, 0x10, ...).
        byte[][] leaves = {
            {}, {0x00}, {0x10}, {0x20, 0x21}, {0x30, 0x31}, {0x40, 0x41, 0x42, 0x43},
            {0x50, 0x51, 0x52, 0x53, 0x54, 0x55, 0x56, 0x57},
            {0x60, 0x61, 0x62, 0x63, 0x64, 0x65, 0x66, 0x67, 0x68, 0x69, 0x6a, 0x6b, 0x6c, 0x6d, 0x6e, 0x6f}};
        InMemoryNodes nodes = new InMemoryNodes();
        Arrays.stream(leaves).forEach(nodes::append);
        MerkleTree tree = new MerkleTree(nodes);
        assertThat(HexFormat.of().formatHex(tree.rootHash(8)))
                .isEqualTo("5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328");
        assertThat(HexFormat.of().formatHex(tree.rootHash(1)))
                .isEqualTo("6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d");
    }

    @Test
    void proofsOutsideTheTreeAreRefused() {
        MerkleTree tree = new MerkleTree(InMemoryNodes.withLeaves(4));
        assertThatThrownBy(() -> tree.inclusionProof(4, 4)).hasMessageContaining("leaf 4 is not in a tree of size 4");
        assertThatThrownBy(() -> tree.consistencyProof(5, 4)).hasMessageContaining("from size 5 to size 4");
        assertThatThrownBy(() -> tree.rootHash(5)).hasMessageContaining("missing tree node");
    }
}
