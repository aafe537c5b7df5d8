package dev.modelport.cli;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * The options of {@code models serve}, named as MLflow's. {@link Main} reads them with
 * {@link #parse} before Quarkus boots (to configure the HTTP listener); picocli reads them for
 * {@code --help} and for the errors.
 */
public class ServeOptions {
    private static final String MODEL_URI = "--model-uri";
    private static final String PORT = "--port";
    private static final String HOST = "--host";
    private static final String WORKERS = "--workers";
    private static final String TIMEOUT = "--timeout";
    private static final String SCORING_PROTOCOL = "--scoring-protocol";
    private static final String FLAVOR = "--flavor";
    private static final String ENV_MANAGER = "--env-manager";
    private static final Set<String> OPTIONS = Set.of(MODEL_URI, PORT, HOST, WORKERS, TIMEOUT, SCORING_PROTOCOL, FLAVOR, ENV_MANAGER);
    private static final Set<String> NUMBERS = Set.of(PORT, WORKERS, TIMEOUT);
    private static final Map<String, String> LONG_NAMES = Map.of("-m", MODEL_URI, "-p", PORT, "-h", HOST, "-w", WORKERS, "-t", TIMEOUT);

    @Option(names = {"-m", MODEL_URI}, description = "URI of the model to serve (default: the bundled example model)")
    String modelUri;

    @Option(names = {"-p", PORT}, description = "Port to listen on (default: $PORT, else 5000)")
    Integer port;

    @Option(names = {"-h", HOST}, description = "Interface to bind (default: 127.0.0.1; 0.0.0.0 on container platforms)")
    String host;

    @Option(names = {"-w", WORKERS}, description = "Concurrent scoring workers (default: one per core); python_function models: Python worker processes (default 1)")
    Integer workers;

    @Option(names = {"-t", TIMEOUT}, description = "Request timeout in seconds (default: $MLFLOW_SCORING_SERVER_REQUEST_TIMEOUT, else 60)")
    Integer timeout;

    @Option(names = SCORING_PROTOCOL, description = "both (default), mlflow-2 or mlflow-1 (env MODELPORT_SCORING_PROTOCOL)")
    String scoringProtocol;

    @Option(names = FLAVOR, description = "Force one flavor, e.g. sklearn or python_function")
    String flavor;

    @Option(names = ENV_MANAGER,
            description = "Python environment of the python_function fallback: local (default: MODELPORT_PYTHON, else python3), virtualenv or conda")
    String envManager;

    @Option(names = "--help", usageHelp = true, description = "Show this help and exit")
    boolean help;

    /**
     * Reads the arguments after {@code models serve} as picocli would, without picocli on the serve
     * path: its annotation model costs about 0.3 s of a 1 s start. What this does not take as given
     * ({@code -p5000}, a repeated or unknown option, a number that is not one) goes to picocli, which
     * reads it or throws its own error.
     */
    static ServeOptions parse(String[] args) {
        Map<String, String> given = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            int equals = args[i].startsWith("--") ? args[i].indexOf('=') : -1;
            String option = canonical(equals > 0 ? args[i].substring(0, equals) : args[i]);
            String value = equals > 0 ? args[i].substring(equals + 1) : i + 1 < args.length ? args[++i] : null;
            boolean understood = OPTIONS.contains(option) && value != null && given.putIfAbsent(option, value) == null
                    && (!NUMBERS.contains(option) || value.matches("[+-]?[0-9]{1,9}"));
            if (!understood) {
                ServeOptions byPicocli = new ServeOptions();
                new CommandLine(byPicocli).parseArgs(args);
                return byPicocli;
            }
        }
        ServeOptions options = new ServeOptions();
        options.modelUri = given.get(MODEL_URI);
        options.port = number(given.get(PORT));
        options.host = given.get(HOST);
        options.workers = number(given.get(WORKERS));
        options.timeout = number(given.get(TIMEOUT));
        options.scoringProtocol = given.get(SCORING_PROTOCOL);
        options.flavor = given.get(FLAVOR);
        options.envManager = given.get(ENV_MANAGER);
        return options;
    }

    private static String canonical(String name) {
        return LONG_NAMES.getOrDefault(name, name);
    }

    private static Integer number(String value) {
        return value == null ? null : Integer.valueOf(value);
    }
}
