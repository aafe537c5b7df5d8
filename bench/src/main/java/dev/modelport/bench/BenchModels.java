package dev.modelport.bench;

import dev.modelport.data.Input;
import dev.modelport.data.codec.JsonRequestCodec;
import dev.modelport.data.codec.ScoringProtocol;
import dev.modelport.data.parallel.SpareCores;
import dev.modelport.flavor.EnvManager;
import dev.modelport.flavor.Flavors;
import dev.modelport.flavor.LoadOptions;
import dev.modelport.flavor.Predictor;
import dev.modelport.model.Model;
import dev.modelport.model.ModelDirectory;
import dev.modelport.model.ModelSignature;
import dev.modelport.schema.DecodeHints;
import dev.modelport.schema.SchemaEnforcer;
import dev.modelport.scoring.ScoringService;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The benchmarks' models and requests: the shared MLflow fixtures ({@code -Dmodelport.shared}, default
 * {@code ../shared}) and the models {@code python_models.py} saved ({@code -Dbench.models}), each a folder
 * {@code NAME/model} with {@code NAME/rows-N.json} request bodies.
 */
final class BenchModels {
    private BenchModels() {
    }

    /** The model directory of a generated benchmark model, else of a shared fixture. */
    static ModelDirectory model(String name) {
        Path generated = generated(name).resolve("model");
        Path dir = Files.isDirectory(generated) ? generated
                : Path.of(System.getProperty("modelport.shared", "../shared"), "fixtures", "models", name, "model");
        return ModelDirectory.open(dir.toAbsolutePath());
    }

    /** As the server scores: big inputs decoded and predicted on the machine's spare cores. */
    static ScoringService scoring(String name) {
        return ScoringService.open(model(name), Flavors.installed(), Optional.empty(), serving(), ScoringProtocol.BOTH);
    }

    static Predictor predictor(String name) {
        ModelDirectory dir = model(name);
        return Flavors.installed().load(dir, Model.load(dir.root()), Optional.empty(), serving());
    }

    /** The server's load options on this machine: one Python worker, every core spare for big requests. */
    static LoadOptions serving() {
        return new LoadOptions(1, EnvManager.LOCAL, new SpareCores(Runtime.getRuntime().availableProcessors()));
    }

    /** A dataframe_split body of {@code rows} rows: the generated one, else the input example's rows repeated. */
    static byte[] body(String name, int rows) {
        try {
            Path file = generated(name).resolve("rows-" + rows + ".json");
            if (Files.exists(file)) {
                return Files.readAllBytes(file);
            }
            String example = Files.readString(model(name).resolve("input_example.json"));
            return Requests.repeat(example, rows).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The request decoded and enforced against the signature, as the predictor receives it. */
    static Input enforced(String name, byte[] body) {
        Model mlmodel = Model.load(model(name).root());
        Optional<ModelSignature> signature = mlmodel.signature();
        Input input = new JsonRequestCodec(signature.map(s -> DecodeHints.of(s.inputs())), ScoringProtocol.BOTH, SpareCores.none()).decode(body).input();
        return signature.map(s -> new SchemaEnforcer(s.inputs()).enforce(input)).orElse(input);
    }

    private static Path generated(String name) {
        return Path.of(System.getProperty("bench.models", "target/bench-models"), name);
    }
}
