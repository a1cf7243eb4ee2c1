package io.changegate.cli.evidence;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.changegate.cli.CliCommand;
import io.changegate.cli.CliException;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code changegate evidence list}: the stored items, in log order, optionally for one subject. */
@Command(name = "list", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"List stored evidence in log order, optionally about one artifact.",
                "Exit code: 0 listed, 2 usage or system error."})
public final class ListCommand extends CliCommand {
    private static final int PAGE = 500;

    @Option(names = "--subject", paramLabel = "DIGEST", description = "Only evidence about this artifact digest.")
    String subject;

    @Option(names = "--json", description = "Print a JSON array of items.")
    boolean json;

    @Mixin
    BackendOptions backend;

    @Override
    protected int execute() throws CliException {
        try (EvidenceBackend evidence = backend.open()) {
            var array = JsonNodeFactory.instance.arrayNode();
            long after = -1;
            while (true) {
                List<JsonNode> page = evidence.list(subject, after, PAGE);
                for (JsonNode item : page) {
                    if (json) {
                        array.add(item);
                    } else {
                        out().printf("%s  leaf %d  %s  %s  %s  %s  %s%n", item.path("id").asText(),
                                item.path("leaf_index").asLong(), item.path("subject").asText(),
                                item.path("type").asText(), item.path("submitter").asText(),
                                item.path("submitted_at").asText(), item.path("verification").path("state").asText());
                    }
                    after = item.path("leaf_index").asLong();
                }
                if (page.size() < PAGE) {
                    break;
                }
            }
            if (json) {
                out().println(array.toPrettyString());
            }
            return 0;
        }
    }
}
