package dev.modelport.flavor.sklearn;

import dev.modelport.ModelportException;
import dev.modelport.flavor.Flavor;
import dev.modelport.flavor.Predictor;
import dev.modelport.flavor.sklearn.pickle.PyObject;
import dev.modelport.flavor.sklearn.pickle.SafeUnpickler;
import dev.modelport.model.Model;
import dev.modelport.model.ModelDirectory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * MLflow's {@code sklearn} flavor served natively: {@code model.pkl} (pickle or cloudpickle) read by
 * the {@link SafeUnpickler} and compiled into flat-array evaluators. The pyfunc's {@code predict_fn}
 * chooses the method called.
 */
public final class SklearnFlavor implements Flavor {
    private static final Logger LOG = Logger.getLogger(SklearnFlavor.class);
    private static final Set<String> FORMATS = Set.of("pickle", "cloudpickle");
    /** The scikit-learn versions whose pickles this flavor was verified against. */
    private static final String TESTED_VERSION_PREFIX = "1.2.";

    private final EstimatorCompiler compiler = new EstimatorCompiler();
    private final SafeUnpickler unpickler = new SafeUnpickler(compiler.allowedClasses(), compiler.allowedFunctions());

    @Override
    public String name() {
        return "sklearn";
    }

    @Override
    public boolean canLoad(Model mlmodel) {
        return mlmodel.flavor(name()).map(f -> FORMATS.contains(String.valueOf(f.getOrDefault("serialization_format", "pickle"))))
                .orElse(false);
    }

    @Override
    public Predictor load(ModelDirectory dir, Model mlmodel) {
        Map<String, Object> flavor = mlmodel.flavor(name())
                .orElseThrow(() -> ModelportException.badModel("%s has no sklearn flavor", dir.root()));
        String format = String.valueOf(flavor.getOrDefault("serialization_format", "pickle"));
        if (!FORMATS.contains(format)) {
            throw ModelportException.badModel("sklearn serialization_format '%s' is not supported natively; supported: %s", format,
                    FORMATS);
        }
        Object pickledModel = flavor.getOrDefault("pickled_model", "model.pkl");
        Path file = dir.resolve(String.valueOf(pickledModel));
        String fn = mlmodel.flavor("python_function").map(p -> p.get("predict_fn")).map(String::valueOf).orElse("predict");
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw ModelportException.badModel(e, "cannot read %s: %s", file, e.getMessage());
        }
        return load(bytes, file.getFileName().toString(), PredictMethod.of(fn));
    }

    /** Loads pickled bytes (the content of model.pkl) as a predictor calling {@code predictFn}. */
    Predictor load(byte[] pickle, String source, PredictMethod predictFn) {
        Object root;
        try {
            root = unpickler.load(pickle, source);
        } catch (ModelportException e) {
            throw ModelportException.badModel(e, "%s Natively supported scikit-learn estimators: %s", e.getMessage(),
                    compiler.supportedNames());
        }
        warnOnVersion(root);
        Estimator estimator = compiler.estimator(root);
        LOG.debugf("Compiled %s from %s, predict_fn=%s", estimator.name(), source, predictFn.pythonName());
        return new SklearnPredictor(estimator, predictFn);
    }

    private static void warnOnVersion(Object root) {
        if (root instanceof PyObject p && p.state().get("_sklearn_version") instanceof String version
                && !version.startsWith(TESTED_VERSION_PREFIX)) {
            LOG.warnf("model.pkl was saved by scikit-learn %s; Modelport's native scorer was verified against %sx", version,
                    TESTED_VERSION_PREFIX);
        }
    }
}
