package io.plantstream.dashboard.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class CsvTest {
    @Test
    void quotesWhatNeedsQuotingAndLeavesNumbersAlone() {
        assertThat(Csv.line(Arrays.asList("plain", "a,b", "say \"hi\"", 12.5, 3, null)))
                .isEqualTo("plain,\"a,b\",\"say \"\"hi\"\"\",12.5,3,\r\n");
    }

    @Test
    void textThatLooksLikeAFormulaIsDefused() {
        assertThat(Csv.cell("=HYPERLINK(\"http://x\",\"y\")")).isEqualTo("\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"");
        assertThat(Csv.cell("+1")).isEqualTo("'+1");
        assertThat(Csv.cell("-cmd")).isEqualTo("'-cmd");
        assertThat(Csv.cell("@SUM(A1)")).isEqualTo("'@SUM(A1)");
        assertThat(Csv.cell(-3)).isEqualTo("-3");
    }
}
