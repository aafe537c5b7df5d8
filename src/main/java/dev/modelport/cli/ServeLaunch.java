package dev.modelport.cli;

import dev.modelport.ModelportException;
import dev.modelport.data.codec.ScoringProtocol;
import dev.modelport.flavor.EnvManager;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How a serve command starts the server: port, host and model, decided from the arguments and the
 * environment before Quarkus boots (design.md, "Entry points"), as Quarkus/Modelport configuration.
 */
record ServeLaunch(int port, String host, Optional<String> modelUri, Optional<String> mountedModelDir, Optional<Integer> workers,
        Optional<Integer> timeoutSeconds, Optional<String> scoringProtocol, Optional<String> flavor, Optional<String> envManager) {

    static final String LOCALHOST = "127.0.0.1";
    static final String ALL_INTERFACES = "0.0.0.0";

    /** Recognises the two serve commands; any other command gets empty. */
    static Optional<ServeLaunch> of(String[] args, Map<String, String> env) {
        List<String> words = List.of(args);
        if (words.contains("--help")) {
            return Optional.empty();
        }
        if (!words.isEmpty() && words.get(0).equals("serve")) {
            return Optional.of(sageMaker(env));
        }
        if (words.size() >= 2 && words.get(0).equals("models") && words.get(1).equals("serve")) {
            return Optional.of(modelsServe(ServeOptions.parse(words.subList(2, words.size()).toArray(String[]::new)), env));
        }
        return Optional.empty();
    }

    /** {@code serve}: the SageMaker bring-your-own-container contract. */
    static ServeLaunch sageMaker(Map<String, String> env) {
        return new ServeLaunch(integer(env, "SAGEMAKER_BIND_TO_PORT").orElse(8080), ALL_INTERFACES,
                Optional.of(env.getOrDefault("MODELPORT_MODEL_DIR", "/opt/ml/model")), Optional.empty(),
                integer(env, "SAGEMAKER_MODEL_SERVER_WORKERS"), integer(env, "SAGEMAKER_MODEL_SERVER_TIMEOUT"),
                Optional.ofNullable(env.get("MODELPORT_SCORING_PROTOCOL")), Optional.empty(), Optional.empty());
    }

    /** {@code models serve}: MLflow's command, plus the container platforms' conventions. */
    static ServeLaunch modelsServe(ServeOptions options, Map<String, String> env) {
        Optional<Integer> platformPort = integer(env, "PORT");
        // Azure's MLflow scoring script reads the model at AZUREML_MODEL_DIR/MLFLOW_MODEL_FOLDER; without the folder, it is searched for
        Optional<String> azureModelDir = Optional.ofNullable(env.get("AZUREML_MODEL_DIR"))
                .map(dir -> Optional.ofNullable(env.get("MLFLOW_MODEL_FOLDER")).filter(f -> !f.isBlank()).map(f -> dir + "/" + f).orElse(dir));
        boolean containerPlatform = platformPort.isPresent() || azureModelDir.isPresent();
        int port = options.port != null ? options.port : platformPort.orElse(5000);
        String host = options.host != null ? options.host : containerPlatform ? ALL_INTERFACES : LOCALHOST;
        Optional<String> model = Optional.ofNullable(options.modelUri);
        Optional<Integer> timeout = Optional.ofNullable(options.timeout).or(() -> integer(env, "MLFLOW_SCORING_SERVER_REQUEST_TIMEOUT"));
        Optional<String> protocol = Optional.ofNullable(options.scoringProtocol).or(() -> Optional.ofNullable(env.get("MODELPORT_SCORING_PROTOCOL")));
        return new ServeLaunch(port, host, model, model.isPresent() ? Optional.empty() : azureModelDir, Optional.ofNullable(options.workers),
                timeout, protocol, Optional.ofNullable(options.flavor), Optional.ofNullable(options.envManager));
    }

    /**
     * The configuration this launch sets, as system properties read by Quarkus and {@code ServingConfig};
     * a value the configuration would not take is refused here, as a usage error.
     */
    Map<String, String> properties() {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("quarkus.http.port", Integer.toString(port));
        properties.put("quarkus.http.host", host);
        properties.put("modelport.serve", "true");
        modelUri.ifPresent(uri -> properties.put("modelport.model-uri", uri));
        mountedModelDir.ifPresent(dir -> properties.put("modelport.mounted-model-dir", dir));
        workers.ifPresent(n -> properties.put("modelport.workers", Integer.toString(n)));
        timeoutSeconds.ifPresent(s -> properties.put("modelport.timeout", s + "s"));
        scoringProtocol.ifPresent(p -> properties.put("modelport.scoring-protocol", ScoringProtocol.fromSetting(p).setting()));
        flavor.ifPresent(f -> properties.put("modelport.flavor", f));
        envManager.ifPresent(m -> properties.put("modelport.env-manager", envManager(m).optionValue()));
        return properties;
    }

    /** {@code --env-manager}'s value, a usage error when it names none. */
    private static EnvManager envManager(String value) {
        try {
            return EnvManager.parse(value);
        } catch (ModelportException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
    }

    private static Optional<Integer> integer(Map<String, String> env, String name) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Integer.parseInt(value.trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, got '" + value + "'");
        }
    }
}
