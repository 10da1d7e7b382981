package io.plantstream.dashboard.view;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.plantstream.config.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlantLayoutTest {
    @TempDir
    Path dir;

    @Test
    void readsSitesLinesAndMachines() throws Exception {
        Path file = Files.writeString(dir.resolve("layout.yaml"), """
                sites:
                  - id: plant-a
                    name: Plant A, Stuttgart
                    lines:
                      - {id: L1, name: Pressing, machines: [{id: M01, name: Press 1}, {id: M02}]}
                """);
        PlantLayout layout = PlantLayout.read(file);
        assertThat(layout.site("plant-a").name()).isEqualTo("Plant A, Stuttgart");
        assertThat(layout.site("plant-a").lines().get(0).machines()).extracting(PlantLayout.Machine::name)
                .containsExactly("Press 1", "M02");
        assertThat(layout.site("plant-b").lines()).isEmpty();
    }

    @Test
    void reportsEveryProblemAtOnceWithFileAndLine() throws Exception {
        Path file = Files.writeString(dir.resolve("layout.yaml"), """
                sites:
                  - id: Plant.A
                    lines:
                      - {id: L1, machines: [{id: M01}, {id: M01}], colour: red}
                  - id: plant-b
                    lines:
                      - {id: L2, machines: [{id: M05, nmae: Lathe}]}
                """);
        assertThatThrownBy(() -> PlantLayout.read(file)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("layout.yaml:2").hasMessageContaining("Plant.A")
                .hasMessageContaining("unknown key 'colour'").hasMessageContaining("'M01' is listed twice")
                .hasMessageContaining("unknown key 'nmae'");
    }
}
