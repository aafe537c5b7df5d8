package dev.modelport.flavor.xgboost;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelport.ModelportException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * A Booster handle from an xgboost.sklearn pickle that is not XGBoost's serialisation fails at load
 * with a ModelportException naming the estimator class (the working handles are scored against
 * xgboost in GeneratedEnsemblesTest).
 */
class XgboostPickledBoosterTest {
    private static final String CLASSIFIER = "xgboost.sklearn.XGBClassifier";

    @Test
    void bytesThatAreNotUbjsonFail() {
        byte[] garbage = "not a booster".getBytes(StandardCharsets.US_ASCII);
        assertThatThrownBy(() -> XgboostFlavor.pickledBooster(garbage, CLASSIFIER))
                .isInstanceOf(ModelportException.class)
                .hasMessageStartingWith("cannot load the XGBoost Booster pickled in " + CLASSIFIER);
    }

    @Test
    void aUbjsonDocumentWithoutModelFails() {
        // {"Config": {}} in UBJSON: '{', key as 'L' int64 length + bytes, value '{' '}', '}'.
        byte[] header = {'{', 'L', 0, 0, 0, 0, 0, 0, 0, 6};
        byte[] key = "Config".getBytes(StandardCharsets.US_ASCII);
        byte[] tail = {'{', '}', '}'};
        byte[] doc = Arrays.copyOf(header, header.length + key.length + tail.length);
        System.arraycopy(key, 0, doc, header.length, key.length);
        System.arraycopy(tail, 0, doc, header.length + key.length, tail.length);
        assertThatThrownBy(() -> XgboostFlavor.pickledBooster(doc, CLASSIFIER))
                .isInstanceOf(ModelportException.class)
                .hasMessageContaining("the pickled Booster holds no Model");
    }

    @Test
    void anUnknownWrapperClassFails() {
        assertThatThrownBy(() -> XgboostFlavor.pickledBooster(new byte[0], "xgboost.sklearn.XGBSomething"))
                .isInstanceOf(ModelportException.class)
                .hasMessageContaining("XGBoost model class 'xgboost.sklearn.XGBSomething' is not supported natively");
    }
}
