package dev.modelport.serving;

import dev.modelport.testing.Fixtures;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/** Serves the MLflow-saved iris LogisticRegression fixture, with a 64 KB body limit. */
public class IrisModelProfile implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("modelport.serve", "true", "modelport.model-uri", Fixtures.modelDir("sklearn_logreg_iris").toString(),
                "modelport.max-body-size", "64K");
    }
}
