package dev.modelport.data.codec;

import java.util.HashSet;
import java.util.Set;

/**
 * The wire format of a scoring request. {@link #detect} decides it once per request from the
 * content type ({@link RequestCodecs} then names the codec that reads it); for JSON, the codec
 * reads the format from the body's shape and reports it in {@link DecodedRequest#format()}.
 */
public enum RequestFormat {
    /** {@code application/json} whose shape decides the format: one of the JSON formats below, read by {@link JsonRequestCodec}. */
    JSON("json", false),
    /** MLflow 2.x {@code {"dataframe_split": {"columns", "data", "index"}}}. */
    DATAFRAME_SPLIT("dataframe_split", false),
    /** MLflow 2.x {@code {"dataframe_records": [{...}, ...]}}. */
    DATAFRAME_RECORDS("dataframe_records", false),
    /** MLflow 2.x TF-serving row format {@code {"instances": ...}}. */
    INSTANCES("instances", false),
    /** MLflow 2.x TF-serving columnar format {@code {"inputs": ...}}. */
    INPUTS("inputs", false),
    /** {@code text/csv}, read as pandas' {@code read_csv} does. */
    CSV("csv", false),
    /** MLflow 1.x bare pandas split JSON {@code {"columns", "data"}} (or {@code format=pandas-split}). */
    V1_SPLIT("pandas-split", true),
    /** MLflow 1.x bare records list {@code [{...}, ...]} (or {@code format=pandas-records}). */
    V1_RECORDS("pandas-records", true);

    private final String key;
    private final boolean legacy;

    RequestFormat(String key, boolean legacy) {
        this.key = key;
        this.legacy = legacy;
    }

    /** The JSON key (2.x) or format name (1.x) of this format. */
    public String key() {
        return key;
    }

    /** True for the MLflow 1.x formats, answered with a bare JSON list. */
    public boolean isLegacy() {
        return legacy;
    }

    /**
     * The format of a request with this Content-Type header ({@code null} when it had none), as
     * MLflow's scoring server decides it: {@code text/csv}, or {@code application/json} with 1.x's
     * optional {@code format=pandas-split|pandas-records}; UTF-8 only.
     *
     * @throws UnsupportedContentType with MLflow's 415 message
     */
    public static RequestFormat detect(String contentType, ScoringProtocol protocol) {
        if (contentType == null || contentType.isBlank()) {
            throw new UnsupportedContentType(protocol.unsupportedContentType(contentType));
        }
        MediaType media = MediaType.parse(contentType);
        if (!media.parameters().getOrDefault("charset", "utf-8").equalsIgnoreCase("utf-8")) {
            throw new UnsupportedContentType("The scoring server only supports UTF-8");
        }
        Set<String> unexpected = new HashSet<>(media.parameters().keySet());
        unexpected.remove("charset");
        RequestFormat declared = null;
        if (protocol.acceptsV1() && media.type().equals(MediaType.JSON) && unexpected.remove("format")) {
            declared = switch (media.parameters().get("format")) {
                case "pandas-split" -> V1_SPLIT;
                case "pandas-records" -> V1_RECORDS;
                default -> throw new UnsupportedContentType(protocol.unsupportedContentType(contentType));
            };
        }
        if (!unexpected.isEmpty() && protocol.refusesUnknownParameters()) {
            throw new UnsupportedContentType("Unrecognized content type parameters: " + String.join(", ", unexpected) + ". "
                    + JsonRequestCodec.SCORING_PROTOCOL_CHANGE_INFO);
        }
        return switch (media.type()) {
            case MediaType.CSV -> CSV;
            case MediaType.JSON -> declared != null ? declared : JSON;
            default -> throw new UnsupportedContentType(protocol.unsupportedContentType(contentType));
        };
    }
}
