package dev.modelport.data.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelport.data.parallel.SpareCores;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RequestFormatTest {

    @Test
    void theContentTypeDecidesTheFormat() {
        assertThat(RequestFormat.detect("application/json", ScoringProtocol.BOTH)).isEqualTo(RequestFormat.JSON);
        assertThat(RequestFormat.detect("Application/JSON; charset=UTF-8", ScoringProtocol.MLFLOW_2)).isEqualTo(RequestFormat.JSON);
        assertThat(RequestFormat.detect("text/csv", ScoringProtocol.MLFLOW_1)).isEqualTo(RequestFormat.CSV);
        assertThat(RequestFormat.detect("application/json; format=pandas-split", ScoringProtocol.BOTH)).isEqualTo(RequestFormat.V1_SPLIT);
        assertThat(RequestFormat.detect("application/json; format=pandas-records", ScoringProtocol.MLFLOW_1)).isEqualTo(RequestFormat.V1_RECORDS);
    }

    @Test
    void theProtocolDecidesWhichParametersAreTaken() {
        assertThatThrownBy(() -> RequestFormat.detect("application/json; format=pandas-split", ScoringProtocol.MLFLOW_2))
                .isInstanceOf(UnsupportedContentType.class).hasMessageStartingWith("Unrecognized content type parameters: format.");
        assertThatThrownBy(() -> RequestFormat.detect("text/csv; format=pandas-split", ScoringProtocol.BOTH))
                .isInstanceOf(UnsupportedContentType.class).hasMessageStartingWith("Unrecognized content type parameters: format.");
        assertThat(RequestFormat.detect("application/json; version=3", ScoringProtocol.MLFLOW_1)).isEqualTo(RequestFormat.JSON);
        assertThatThrownBy(() -> RequestFormat.detect("application/json; format=columns", ScoringProtocol.MLFLOW_1))
                .hasMessageStartingWith("This predictor only supports the following content types and formats:");
    }

    @Test
    void otherTypesAndCharsetsAreRefused() {
        assertThatThrownBy(() -> RequestFormat.detect(null, ScoringProtocol.BOTH))
                .hasMessage("This predictor only supports the following content types: Types: ['text/csv', 'application/json']."
                        + " Got no Content-Type header.");
        assertThatThrownBy(() -> RequestFormat.detect("text/plain", ScoringProtocol.BOTH)).hasMessageEndingWith("Got 'text/plain'.");
        assertThatThrownBy(() -> RequestFormat.detect("text/csv; charset=latin-1", ScoringProtocol.BOTH))
                .hasMessage("The scoring server only supports UTF-8");
    }

    @Test
    void everyDetectedFormatHasACodec() {
        RequestCodecs codecs = new RequestCodecs(Optional.empty(), ScoringProtocol.BOTH, SpareCores.none());
        for (RequestFormat format : new RequestFormat[] {RequestFormat.JSON, RequestFormat.CSV, RequestFormat.V1_SPLIT, RequestFormat.V1_RECORDS}) {
            assertThat(codecs.forFormat(format)).as("%s", format).isNotNull();
        }
        assertThat(codecs.forFormat(RequestFormat.V1_SPLIT).decode("{\"columns\": [\"a\"], \"data\": [[1]]}".getBytes()).format())
                .isEqualTo(RequestFormat.V1_SPLIT);
        assertThat(codecs.forFormat(RequestFormat.CSV).decode("a\n1\n".getBytes()).format()).isEqualTo(RequestFormat.CSV);
    }
}
