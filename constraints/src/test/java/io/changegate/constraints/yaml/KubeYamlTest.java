package io.changegate.constraints.yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class KubeYamlTest {
    @Test
    void everyDocumentIsReadWithTheLineItStartsOn() {
        var docs = KubeYaml.parse("m.yaml", "a: 1\n---\n# empty\n---\nb: yes\nc: 12345678901234567890\n");
        assertThat(docs).hasSize(2);
        assertThat(docs.get(1).where()).isEqualTo("m.yaml:5");
        assertThat(docs.get(1).value().toJson()).isEqualTo("{\"b\":\"yes\",\"c\":12345678901234567890}");
    }

    @Test
    void jsonIsReadToo() {
        assertThat(KubeYaml.parse("m.json", "{\"kind\": \"List\", \"items\": []}").get(0).value().toJson())
                .isEqualTo("{\"items\":[],\"kind\":\"List\"}");
    }

    @Test
    void syntaxErrorsNameFileLineAndColumn() {
        assertThatThrownBy(() -> KubeYaml.parse("bad.yaml", "a: [1, 2\nb: c\n"))
                .isInstanceOf(ManifestException.class).hasMessageStartingWith("bad.yaml:");
    }
}
