package dev.modelport.serving;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelport.ErrorCode;
import dev.modelport.data.codec.ScoringProtocol;
import dev.modelport.data.parallel.SplitThresholds;
import dev.modelport.flavor.EnvManager;
import dev.modelport.scoring.ScoringResponse;
import dev.modelport.testing.Fixtures;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ModelLoadingTest {

    private static Map<String, String> model(String fixture) {
        return Map.of("modelport.model-uri", Fixtures.modelDir(fixture).toString());
    }

    @Test
    void theServerTakesOverTheLoadingStartedEarly() throws Exception {
        ModelLoading.startEarly(model("sklearn_logreg_iris"));
        ModelLoading taken = ModelLoading.takeEarlyOrStart(ModelLoading.readConfig(model("sklearn_rf_regressor")));
        ModelState outcome = taken.outcome().get(60, TimeUnit.SECONDS);
        assertThat(outcome).isInstanceOf(ModelState.Ready.class);
        assertThat(((ModelState.Ready) outcome).scoring().model().flavors()).containsKey("sklearn");
        assertThat(((ModelState.Ready) outcome).example()).isPresent();
        assertThat(taken.took()).isPositive();
        ModelLoading second = ModelLoading.takeEarlyOrStart(ModelLoading.readConfig(model("sklearn_rf_regressor")));
        assertThat(second).as("taken once").isNotSameAs(taken);
        assertThat(second.outcome().get(60, TimeUnit.SECONDS)).isInstanceOf(ModelState.Ready.class);
    }

    @Test
    void theConfigurationIsTyped() {
        ServingConfig config = ModelLoading.readConfig(Map.of("modelport.scoring-protocol", "mlflow-1", "modelport.env-manager", "conda",
                "modelport.timeout", "7s", "modelport.workers", "3", "modelport.spare-cores.min-part-rows", "4096"));
        assertThat(config.scoringProtocol()).isEqualTo(ScoringProtocol.MLFLOW_1);
        assertThat(config.envManager()).isEqualTo(EnvManager.CONDA);
        assertThat(config.timeout()).isEqualTo(Duration.ofSeconds(7));
        assertThat(config.maxBodySize().asLongValue()).isEqualTo(100L * 1024 * 1024);
        assertThat(ModelLoading.spareCores(config).thresholds().minPartRows()).isEqualTo(4096);
        assertThat(ModelLoading.spareCores(config).thresholds().decodeInHalvesFromBytes())
                .isEqualTo(SplitThresholds.MEASURED.decodeInHalvesFromBytes());
        assertThat(ModelLoading.readConfig(Map.of()).scoringProtocol()).isEqualTo(ScoringProtocol.BOTH);
        assertThat(ModelLoading.readConfig(Map.of("modelport.scoring-protocol", "mlflow-2")).scoringProtocol()).isEqualTo(ScoringProtocol.MLFLOW_2);
    }

    @Test
    void spareCoresFollowTheWorkersAndTheSwitch() {
        int machine = Runtime.getRuntime().availableProcessors();
        assertThat(ModelLoading.spareCores(ModelLoading.readConfig(Map.of())).cores()).isEqualTo(machine);
        assertThat(ModelLoading.spareCores(ModelLoading.readConfig(Map.of("modelport.workers", "1"))).cores()).isEqualTo(1);
        assertThat(ModelLoading.spareCores(ModelLoading.readConfig(Map.of("modelport.workers", "64"))).cores()).isEqualTo(machine);
        assertThat(ModelLoading.spareCores(ModelLoading.readConfig(Map.of("modelport.spare-cores.enabled", "false"))).cores()).isEqualTo(1);
        assertThat(ModelLoading.spareCores(ModelLoading.readConfig(Map.of("modelport.spare-cores.cores", "3"))).cores()).isEqualTo(3);
    }

    @Test
    void aModelThatCannotLoadEndsFailedWithTheReason() throws Exception {
        ServingConfig missing = ModelLoading.readConfig(Map.of("modelport.model-uri", "/no/such/model"));
        ModelState outcome = ModelLoading.takeEarlyOrStart(missing).outcome().get(60, TimeUnit.SECONDS);
        assertThat(outcome).isInstanceOf(ModelState.Failed.class);
        assertThat(((ModelState.Failed) outcome).reason()).hasMessageContaining("/no/such/model");
        assertThat(((ModelState.Failed) outcome).reason().code()).isEqualTo(ErrorCode.MODEL_LOAD_FAILED);
        ScoringResponse ping = ServedModel.notReady(outcome);
        assertThat(ping.status()).isEqualTo(503);
        assertThat(ping.bodyText()).startsWith("{\"error_code\": \"MODEL_LOAD_FAILED\", \"message\": \"The model could not be loaded: ");
        assertThat(ServedModel.notReady(new ModelState.Loading()).bodyText()).startsWith("{\"error_code\": \"TEMPORARILY_UNAVAILABLE\"");
    }
}
