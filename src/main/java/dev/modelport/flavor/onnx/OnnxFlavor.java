package dev.modelport.flavor.onnx;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.modelport.ModelportException;
import dev.modelport.flavor.Flavor;
import dev.modelport.flavor.FlavorSection;
import dev.modelport.flavor.Predictor;
import dev.modelport.model.Model;
import dev.modelport.model.ModelDirectory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Serves {@code mlflow.onnx} models natively with ONNX Runtime's Java API: the flavor's
 * {@code data} file (with any external tensor data beside it) opened as one session, configured
 * from {@code onnx_session_options} as MLflow's {@code _OnnxModelWrapper} configures it. The
 * bundled ONNX Runtime runs on the CPU, which is also where MLflow lands with the CPU build of
 * onnxruntime whatever {@code providers} lists.
 */
public final class OnnxFlavor implements Flavor {
    private static final Logger LOG = Logger.getLogger(OnnxFlavor.class);
    private static final String NAME = "onnx";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean canLoad(Model mlmodel) {
        return FlavorSection.hasDataFile(mlmodel, NAME);
    }

    @Override
    public Predictor load(ModelDirectory dir, Model mlmodel) {
        FlavorSection section = FlavorSection.of(dir, mlmodel, NAME);
        Map<String, Object> conf = section.conf();
        Path file = section.dataFile();
        if (!Files.isRegularFile(file)) {
            throw ModelportException.badModel("the %s flavor of %s names %s, which is not a file", NAME, dir.root(), conf.get("data"));
        }
        SessionSettings settings = SessionSettings.from(conf.get("onnx_session_options"));
        if (conf.get("providers") instanceof List<?> providers && !providers.contains("CPUExecutionProvider")) {
            LOG.warnf("%s asks for ONNX Runtime providers %s; Modelport's ONNX Runtime runs on the CPU", dir.root(), providers);
        }
        OrtEnvironment env = environment();
        try (OrtSession.SessionOptions options = settings.toOptions()) {
            OrtSession session = env.createSession(file.toString(), options);
            OnnxPredictor predictor = OnnxPredictor.open(env, session, file);
            LOG.infof("Opened ONNX model %s: inputs=%s outputs=%s intra-op threads=%s", file.getFileName(), session.getInputNames(),
                    session.getOutputNames(), settings.intraOpThreads().orElse(SessionSettings.DEFAULT_INTRA_OP_THREADS));
            return predictor;
        } catch (OrtException e) {
            throw ModelportException.badModel(e, "cannot load ONNX model %s: %s", file, e.getMessage());
        }
    }

    private static OrtEnvironment environment() {
        try {
            return OrtEnvironment.getEnvironment();
        } catch (LinkageError e) {
            throw ModelportException.badModel(e, "ONNX Runtime's native library does not load on this platform (%s %s): %s",
                    System.getProperty("os.name"), System.getProperty("os.arch"), e.getMessage());
        }
    }
}
