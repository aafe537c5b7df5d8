package dev.modelport.serving;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelport.ErrorCode;
import dev.modelport.scoring.ScoringResponse;
import dev.modelport.testing.Fixtures;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ModelLoadingTest {

    private static ModelLoading.Settings settings(String fixture) {
        return new ModelLoading.Settings(Optional.of(Fixtures.modelDir(fixture).toString()), Optional.empty(), OptionalInt.empty(),
                ServingConfig.DEFAULT_ENV_MANAGER, Optional.empty(), ServingConfig.DEFAULT_SCORING_PROTOCOL, 1);
    }

    @Test
    void theServerTakesOverTheLoadingStartedEarlyForItsSettings() throws Exception {
        ModelLoading.startEarly(settings("sklearn_logreg_iris"));
        ModelLoading taken = ModelLoading.takeOrStart(settings("sklearn_logreg_iris"));
        assertThat(taken.outcome().get(60, TimeUnit.SECONDS)).isInstanceOf(ModelState.Ready.class);
        assertThat(taken.took()).isPositive();
        assertThat(ModelLoading.takeOrStart(settings("sklearn_logreg_iris"))).as("taken once").isNotSameAs(taken);
    }

    @Test
    void anEarlyLoadingForOtherSettingsIsNotUsed() throws Exception {
        ModelLoading.startEarly(settings("sklearn_logreg_iris"));
        ModelLoading loading = ModelLoading.takeOrStart(settings("sklearn_rf_regressor"));
        ModelState outcome = loading.outcome().get(60, TimeUnit.SECONDS);
        assertThat(outcome).isInstanceOf(ModelState.Ready.class);
        assertThat(((ModelState.Ready) outcome).scoring().model().flavors()).containsKey("sklearn");
        assertThat(((ModelState.Ready) outcome).example()).isPresent();
    }

    @Test
    void aModelThatCannotLoadEndsFailedWithTheReason() throws Exception {
        ModelLoading.Settings missing = new ModelLoading.Settings(Optional.of("/no/such/model"), Optional.empty(), OptionalInt.empty(),
                ServingConfig.DEFAULT_ENV_MANAGER, Optional.empty(), ServingConfig.DEFAULT_SCORING_PROTOCOL, 1);
        ModelState outcome = ModelLoading.takeOrStart(missing).outcome().get(60, TimeUnit.SECONDS);
        assertThat(outcome).isInstanceOf(ModelState.Failed.class);
        assertThat(((ModelState.Failed) outcome).reason()).hasMessageContaining("/no/such/model");
        assertThat(((ModelState.Failed) outcome).reason().code()).isEqualTo(ErrorCode.MODEL_LOAD_FAILED);
        ScoringResponse ping = ServedModel.notReady(outcome);
        assertThat(ping.status()).isEqualTo(503);
        assertThat(ping.bodyText()).startsWith("{\"error_code\": \"MODEL_LOAD_FAILED\", \"message\": \"The model could not be loaded: ");
        assertThat(ServedModel.notReady(new ModelState.Loading()).bodyText()).startsWith("{\"error_code\": \"TEMPORARILY_UNAVAILABLE\"");
    }
}
