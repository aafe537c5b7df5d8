package dev.modelport.flavor.sklearn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelport.ModelportException;
import dev.modelport.data.DoubleColumn;
import dev.modelport.data.Dtype;
import dev.modelport.data.Params;
import dev.modelport.data.Tensor;
import dev.modelport.testing.TestResources;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * One LogisticRegression pickled with every pickle protocol ({@code protocols()} of
 * {@code generate_sklearn_models.py}), and the scikit-learn version recorded in a pickle.
 */
class SklearnPickleVersionsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    static byte[] protocolPickle(int protocol) {
        return TestResources.bytes("sklearn/protocols/logreg_protocol" + protocol + ".pkl");
    }



    private static Tensor predictProba(byte[] pickle) throws IOException {
        JsonNode expected = JSON.readTree(TestResources.path("sklearn/protocols/expected.json").toFile());
        JsonNode rows = expected.get("rows");
        double[] x = new double[rows.size() * 2];
        for (int i = 0; i < rows.size(); i++) {
            x[2 * i] = rows.get(i).get(0).asDouble();
            x[2 * i + 1] = rows.get(i).get(1).asDouble();
        }
        var predictor = new SklearnFlavor().load(pickle, "model.pkl", PredictMethod.PREDICT_PROBA);
        return (Tensor) predictor.predict(new Tensor(new DoubleColumn(x, Dtype.FLOAT64), rows.size(), 2), Params.NONE);
    }

    @ParameterizedTest(name = "protocol {0}")
    @ValueSource(ints = {1, 2, 3, 4, 5})
    void loadsAndPredictsWhatScikitLearnPredictedForEveryBinaryProtocol(int protocol) throws IOException {
        JsonNode expected = JSON.readTree(TestResources.path("sklearn/protocols/expected.json").toFile()).get("predict_proba");
        Predictions.assertMatches(predictProba(protocolPickle(protocol)), expected, 1e-12, "protocol " + protocol);
    }

    @Test
    void refusesProtocolZeroTextStringsWithAHintToResave() {
        assertThatThrownBy(() -> new SklearnFlavor().load(protocolPickle(0), "model.pkl", PredictMethod.PREDICT))
                .isInstanceOf(ModelportException.class)
                .hasMessageContaining("Refused to load model.pkl: refused protocol 0 text string")
                .hasMessageContaining("re-save the model with pickle protocol 2 or later");
    }

    @Test
    void warnsButLoadsWhenThePickleWasSavedByAnUntestedScikitLearn() throws IOException {
        byte[] pickle = withSklearnVersion(protocolPickle(4), "1.2.1", "0.9.9");
        List<LogRecord> records = capturingWarnings(() -> assertThat(predictProba(pickle).shape()).containsExactly(2, 2));
        assertThat(records).extracting(LogRecord::getMessage).singleElement().asString()
                .contains("scikit-learn 0.9.9").contains("verified against 1.2.x");
        assertThat(records.get(0).getLevel()).isEqualTo(Level.WARNING);
    }

    @Test
    void doesNotWarnForATestedScikitLearn() {
        byte[] pickle = protocolPickle(4);
        assertThat(new String(pickle, StandardCharsets.ISO_8859_1)).contains("_sklearn_version").contains("1.2.1");
        assertThat(capturingWarnings(() -> predictProba(pickle))).isEmpty();
    }

    /** The pickle with its {@code _sklearn_version} string replaced by one of the same length. */
    private static byte[] withSklearnVersion(byte[] pickle, String from, String to) {
        String text = new String(pickle, StandardCharsets.ISO_8859_1);
        int key = text.indexOf("_sklearn_version");
        int at = text.indexOf(from, key);
        assertThat(key).isNotNegative();
        assertThat(at - key).isBetween(0, 40);
        assertThat(to).hasSameSizeAs(from);
        byte[] out = pickle.clone();
        System.arraycopy(to.getBytes(StandardCharsets.ISO_8859_1), 0, out, at, to.length());
        return out;
    }

    interface Action {
        void run() throws IOException;
    }

    private static List<LogRecord> capturingWarnings(Action action) {
        Logger logger = Logger.getLogger(SklearnFlavor.class.getName());
        List<LogRecord> records = new ArrayList<>();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord r) {
                if (r.getLevel().intValue() >= Level.WARNING.intValue()) {
                    records.add(r);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        logger.addHandler(handler);
        try {
            action.run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            logger.removeHandler(handler);
        }
        return records;
    }
}
