package dev.modelport.cli;

import picocli.CommandLine.Option;

/**
 * The options of {@code models serve}, named as MLflow's. Parsed twice: by {@link Main} before Quarkus
 * boots (to configure the HTTP listener) and by picocli for {@code --help}.
 */
public class ServeOptions {
    @Option(names = {"-m", "--model-uri"}, description = "URI of the model to serve (default: the bundled example model)")
    String modelUri;

    @Option(names = {"-p", "--port"}, description = "Port to listen on (default: $PORT, else 5000)")
    Integer port;

    @Option(names = {"-h", "--host"}, description = "Interface to bind (default: 127.0.0.1; 0.0.0.0 on container platforms)")
    String host;

    @Option(names = {"-w", "--workers"}, description = "Concurrent scoring workers (default: one per core); python_function models: Python worker processes (default 1)")
    Integer workers;

    @Option(names = {"-t", "--timeout"}, description = "Request timeout in seconds (default: $MLFLOW_SCORING_SERVER_REQUEST_TIMEOUT, else 60)")
    Integer timeout;

    @Option(names = "--scoring-protocol", description = "both (default), mlflow-2 or mlflow-1 (env MODELPORT_SCORING_PROTOCOL)")
    String scoringProtocol;

    @Option(names = "--flavor", description = "Force one flavor, e.g. sklearn or python_function")
    String flavor;

    @Option(names = "--env-manager",
            description = "Python environment of the python_function fallback: local (default: MODELPORT_PYTHON, else python3), virtualenv or conda")
    String envManager;

    @Option(names = "--help", usageHelp = true, description = "Show this help and exit")
    boolean help;
}
