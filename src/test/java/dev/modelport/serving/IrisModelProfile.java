package dev.modelport.serving;

import dev.modelport.testing.Fixtures;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/** Serves the MLflow-saved iris LogisticRegression fixture, with a 64 KB body limit, a 2 s header deadline and a 1 KB/s minimum body rate. */
public class IrisModelProfile implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("modelport.serve", "true", "modelport.model-uri", Fixtures.modelDir("sklearn_logreg_iris").toString(),
                "modelport.max-body-size", "64K", "modelport.http.header-timeout", "2s",
                "modelport.http.min-body-rate", "1K");
    }
}
