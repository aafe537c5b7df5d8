package dev.modelport.serving;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class AzureScoreRequestTest {

    private static String rewrite(String body) {
        return new String(AzureScoreRequest.toMlflowBody(body.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
    }

    @Test
    void aSplitFrameBecomesDataframeSplitWithItsBytesUntouched() {
        assertThat(rewrite("{\"input_data\": {\"columns\": [\"a\"], \"index\": [0], \"data\": [[1.50, NaN]]}}"))
                .isEqualTo("{\"dataframe_split\": {\"columns\": [\"a\"], \"index\": [0], \"data\": [[1.50, NaN]]}}");
    }

    @Test
    void aListBecomesATensorInput() {
        assertThat(rewrite("{\"input_data\": [[1, 2], [3, 4]]}")).isEqualTo("{\"inputs\": [[1, 2], [3, 4]]}");
    }

    @Test
    void anyOtherObjectBecomesNamedTensors() {
        assertThat(rewrite("{\"input_data\": {\"a\": [1, 2], \"b\": [[3]]}}")).isEqualTo("{\"inputs\": {\"a\": [1, 2], \"b\": [[3]]}}");
    }

    @Test
    void paramsTravelAlongWhereverTheyStand() {
        assertThat(rewrite("{\"params\": {\"k\": 3}, \"input_data\": [1]}")).isEqualTo("{\"inputs\": [1], \"params\": {\"k\": 3}}");
    }

    @Test
    void mlflowBodiesAndNonJsonPassThrough() {
        assertThat(rewrite("{\"dataframe_split\": {\"columns\": [], \"data\": []}}")).isEqualTo("{\"dataframe_split\": {\"columns\": [], \"data\": []}}");
        assertThat(rewrite("{\"input_data\": [1, ")).isEqualTo("{\"input_data\": [1, ");
        assertThat(rewrite("a,b\n1,2")).isEqualTo("a,b\n1,2");
    }

    @Test
    void answersLoseTheirPredictionsWrapper() {
        byte[] answer = "{\"predictions\": [{\"a\": 1.5}, {\"a\": NaN}]}".getBytes(StandardCharsets.UTF_8);
        assertThat(new String(AzureScoreRequest.unwrapPredictions(answer), StandardCharsets.UTF_8)).isEqualTo("[{\"a\": 1.5}, {\"a\": NaN}]");
    }
}
