package dev.modelport.cli;

import dev.modelport.ModelportException;
import dev.modelport.data.codec.ScoringProtocol;
import dev.modelport.data.parallel.SpareCores;
import dev.modelport.flavor.EnvManager;
import dev.modelport.flavor.Flavors;
import dev.modelport.flavor.LoadOptions;
import dev.modelport.scoring.ScoringResponse;
import dev.modelport.scoring.ScoringService;
import dev.modelport.store.ModelUris;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.jboss.logging.Logger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code modelport models predict}: as {@code mlflow models predict}, with exactly the decoding,
 * enforcement and output of {@code /invocations}. Opens no port.
 */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = "Predict with a model on a JSON or CSV input, writing the JSON predictions.")
public class PredictCommand implements Callable<Integer> {
    private static final Logger LOG = Logger.getLogger(PredictCommand.class);

    @Option(names = {"-m", "--model-uri"}, required = true, description = "URI of the model")
    String modelUri;

    @Option(names = {"-i", "--input-path"}, description = "Input file (default: standard input)")
    Path input;

    @Option(names = {"-o", "--output-path"}, description = "Output file (default: standard output)")
    Path output;

    @Option(names = {"-t", "--content-type"}, defaultValue = "json", description = "json (default) or csv")
    String contentType;

    @Option(names = "--scoring-protocol", defaultValue = "${env:MODELPORT_SCORING_PROTOCOL:-both}",
            description = "both (default), mlflow-2 or mlflow-1")
    String scoringProtocol;

    @Option(names = "--flavor", description = "Force one flavor, e.g. sklearn or python_function")
    String flavor;

    @Option(names = "--env-manager", defaultValue = "local",
            description = "Python environment of the python_function fallback: local (default: MODELPORT_PYTHON, else python3), virtualenv or conda")
    String envManager;

    @Override
    public Integer call() throws IOException {
        String mediaType = switch (contentType) {
            case "json" -> "application/json";
            case "csv" -> "text/csv";
            default -> throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
                    "Unknown content type '" + contentType + "': use json or csv");
        };
        EnvManager environment;
        try {
            environment = EnvManager.parse(envManager);
        } catch (ModelportException e) {
            System.err.println("modelport: " + e.getMessage()); // an option's value, not the model, is wrong
            return 1;
        }
        ScoringResponse response;
        try (ScoringService scoring = ScoringService.open(ModelUris.local().resolve(modelUri), Flavors.installed(), Optional.ofNullable(flavor),
                new LoadOptions(1, environment, new SpareCores(Runtime.getRuntime().availableProcessors())),
                ScoringProtocol.fromSetting(scoringProtocol))) {
            response = scoring.score(mediaType, readInput());
        } catch (ModelportException e) {
            LOG.debug("Model could not be loaded", e);
            ModelportException failure = ModelportException.loadFailure(e);
            System.err.println("modelport: " + failure.code() + ": " + failure.getMessage());
            return 1;
        }
        if (response.status() >= 400) {
            System.err.println(response.bodyText());
            return 1;
        }
        writeOutput(response.body());
        return 0;
    }

    private byte[] readInput() throws IOException {
        if (input == null) {
            return System.in.readAllBytes();
        }
        try (InputStream in = Files.newInputStream(input)) {
            return in.readAllBytes();
        }
    }

    private void writeOutput(byte[] body) throws IOException {
        if (output == null) {
            PrintStream out = System.out;
            out.write(body);
            out.println();
            out.flush();
            return;
        }
        try (OutputStream out = Files.newOutputStream(output)) {
            out.write(body);
        }
    }
}
