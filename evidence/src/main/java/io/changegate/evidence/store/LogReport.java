package io.changegate.evidence.store;

import io.changegate.evidence.log.SignedCheckpoint;
import java.util.List;

/**
 * The outcome of auditing the whole store against its log.
 *
 * @param treeSize   the number of leaves the log holds
 * @param checked    how many evidence items were checked
 * @param latest     the latest signed checkpoint, or null when the log is empty or it could not be read
 * @param problems   every inconsistency found, each naming the item, leaf or checkpoint concerned
 */
public record LogReport(long treeSize, long checked, SignedCheckpoint latest, List<String> problems) {
    public LogReport {
        problems = List.copyOf(problems);
    }

    /** Whether the store and its log agree everywhere. */
    public boolean ok() {
        return problems.isEmpty();
    }
}
