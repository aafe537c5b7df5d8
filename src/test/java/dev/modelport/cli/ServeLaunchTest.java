package dev.modelport.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ServeLaunchTest {

    private static ServeLaunch launch(Map<String, String> env, String... args) {
        return ServeLaunch.of(args, env).orElseThrow();
    }

    @Test
    void modelsServeDefaultsToMlflowPortOnLoopbackWithTheBundledModel() {
        ServeLaunch launch = launch(Map.of(), "models", "serve");
        assertThat(launch.port()).isEqualTo(5000);
        assertThat(launch.host()).isEqualTo("127.0.0.1");
        assertThat(launch.modelUri()).isEmpty();
        assertThat(launch.properties()).containsEntry("quarkus.http.port", "5000").containsEntry("modelport.serve", "true")
                .doesNotContainKey("modelport.model-uri").doesNotContainKey("modelport.env-manager");
    }

    @Test
    void modelsServeTakesMlflowFlags() {
        ServeLaunch launch = launch(Map.of(), "models", "serve", "-m", "/models/iris", "-p", "6001", "-h", "0.0.0.0", "-w", "3", "-t", "7",
                "--scoring-protocol", "mlflow-1", "--env-manager", "virtualenv");
        assertThat(launch.properties()).containsEntry("quarkus.http.port", "6001").containsEntry("quarkus.http.host", "0.0.0.0")
                .containsEntry("modelport.model-uri", "/models/iris").containsEntry("modelport.workers", "3")
                .containsEntry("modelport.timeout", "7s").containsEntry("modelport.scoring-protocol", "mlflow-1")
                .containsEntry("modelport.env-manager", "virtualenv");
    }

    @Test
    void platformPortMeansAllInterfaces() {
        ServeLaunch launch = launch(Map.of("PORT", "8081"), "models", "serve", "-m", "m");
        assertThat(launch.port()).isEqualTo(8081);
        assertThat(launch.host()).isEqualTo("0.0.0.0");
    }

    @Test
    void explicitPortAndHostWinOverThePlatform() {
        ServeLaunch launch = launch(Map.of("PORT", "8081"), "models", "serve", "-p", "9000", "-h", "127.0.0.1");
        assertThat(launch.port()).isEqualTo(9000);
        assertThat(launch.host()).isEqualTo("127.0.0.1");
    }

    @Test
    void azureModelDirIsTheDefaultModelOnAllInterfaces() {
        ServeLaunch launch = launch(Map.of("AZUREML_MODEL_DIR", "/var/azureml-app/azureml-models"), "models", "serve");
        assertThat(launch.modelUri()).isEmpty();
        assertThat(launch.mountedModelDir()).contains("/var/azureml-app/azureml-models");
        assertThat(launch.properties()).containsEntry("modelport.mounted-model-dir", "/var/azureml-app/azureml-models")
                .doesNotContainKey("modelport.model-uri");
        assertThat(launch.host()).isEqualTo("0.0.0.0");
    }

    @Test
    void azureModelFolderNamesTheModelInsideTheMount() {
        ServeLaunch launch = launch(Map.of("AZUREML_MODEL_DIR", "/var/azureml-app/azureml-models", "MLFLOW_MODEL_FOLDER", "iris/3"),
                "models", "serve");
        assertThat(launch.mountedModelDir()).contains("/var/azureml-app/azureml-models/iris/3");
    }

    @Test
    void anExplicitModelWinsOverTheMount() {
        ServeLaunch launch = launch(Map.of("AZUREML_MODEL_DIR", "/var/azureml-app/azureml-models"), "models", "serve", "-m", "/models/iris");
        assertThat(launch.modelUri()).contains("/models/iris");
        assertThat(launch.mountedModelDir()).isEmpty();
        assertThat(launch.host()).isEqualTo("0.0.0.0");
    }

    @Test
    void environmentGivesTimeoutAndProtocol() {
        ServeLaunch launch = launch(Map.of("MLFLOW_SCORING_SERVER_REQUEST_TIMEOUT", "12", "MODELPORT_SCORING_PROTOCOL", "mlflow-2"),
                "models", "serve");
        assertThat(launch.timeoutSeconds()).contains(12);
        assertThat(launch.scoringProtocol()).contains("mlflow-2");
    }

    @Test
    void sageMakerServeUsesOptMlModelOnPort8080AllInterfaces() {
        ServeLaunch launch = launch(Map.of(), "serve");
        assertThat(launch.port()).isEqualTo(8080);
        assertThat(launch.host()).isEqualTo("0.0.0.0");
        assertThat(launch.modelUri()).contains("/opt/ml/model");
    }

    @Test
    void sageMakerServeHonoursItsEnvironment() {
        ServeLaunch launch = launch(Map.of("SAGEMAKER_BIND_TO_PORT", "9090", "MODELPORT_MODEL_DIR", "/tmp/m",
                "SAGEMAKER_MODEL_SERVER_WORKERS", "4", "SAGEMAKER_MODEL_SERVER_TIMEOUT", "30"), "serve");
        assertThat(launch.port()).isEqualTo(9090);
        assertThat(launch.modelUri()).contains("/tmp/m");
        assertThat(launch.workers()).contains(4);
        assertThat(launch.timeoutSeconds()).contains(30);
    }

    @Test
    void otherCommandsAndHelpAreNotServeLaunches() {
        assertThat(ServeLaunch.of(new String[] {"models", "predict", "-m", "x"}, Map.of())).isEmpty();
        assertThat(ServeLaunch.of(new String[] {"models", "serve", "--help"}, Map.of())).isEmpty();
        assertThat(ServeLaunch.of(new String[] {}, Map.of())).isEqualTo(Optional.empty());
    }

    @Test
    void valuesTheConfigurationWouldRefuseAreUsageErrors() {
        assertThat(launch(Map.of(), "models", "serve", "--scoring-protocol", "MLflow-2 ", "--env-manager", "Conda").properties())
                .containsEntry("modelport.scoring-protocol", "mlflow-2").containsEntry("modelport.env-manager", "conda");
        assertThatThrownBy(() -> launch(Map.of(), "models", "serve", "--scoring-protocol", "mlflow-3").properties())
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("Unknown scoring protocol 'mlflow-3'");
        assertThatThrownBy(() -> launch(Map.of(), "models", "serve", "--env-manager", "uv").properties())
                .isInstanceOf(IllegalArgumentException.class).hasMessage("Unknown --env-manager 'uv': use local, virtualenv or conda");
    }

    @Test
    void rejectsANonNumericPortVariable() {
        assertThatThrownBy(() -> launch(Map.of("PORT", "eighty"), "models", "serve")).hasMessageContaining("PORT must be a whole number");
    }
}
