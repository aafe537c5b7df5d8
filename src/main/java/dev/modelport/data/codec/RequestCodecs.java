package dev.modelport.data.codec;

import dev.modelport.data.parallel.SpareCores;
import java.util.Optional;

/**
 * The request codecs of one model, one for each {@link RequestFormat} {@link RequestFormat#detect}
 * gives. A new wire format is a new constant there and a new codec here; the others stay as they are.
 */
public final class RequestCodecs {
    private final JsonRequestCodec json;
    private final RequestCodec pandasSplit;
    private final RequestCodec pandasRecords;
    private final CsvCodec csv;

    /**
     * @param hint the model's input signature, when it has one
     * @param protocol the generations of MLflow's protocol the server speaks
     * @param spare the cores a big body's decoding may borrow
     */
    public RequestCodecs(Optional<SchemaHint> hint, ScoringProtocol protocol, SpareCores spare) {
        this.json = new JsonRequestCodec(hint, protocol, spare);
        this.pandasSplit = body -> json.decodeDeclared(body, RequestFormat.V1_SPLIT);
        this.pandasRecords = body -> json.decodeDeclared(body, RequestFormat.V1_RECORDS);
        this.csv = new CsvCodec(hint, protocol);
    }

    /** The codec that reads a request {@link RequestFormat#detect} found to be in {@code format}. */
    public RequestCodec forFormat(RequestFormat format) {
        return switch (format) {
            case JSON -> json;
            case V1_SPLIT -> pandasSplit;
            case V1_RECORDS -> pandasRecords;
            case CSV -> csv;
            case DATAFRAME_SPLIT, DATAFRAME_RECORDS, INSTANCES, INPUTS -> throw new IllegalArgumentException(
                    format + " is read from the body's shape by the JSON codec, not detected from the content type");
        };
    }
}
