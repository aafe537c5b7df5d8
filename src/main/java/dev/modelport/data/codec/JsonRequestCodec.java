package dev.modelport.data.codec;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.modelport.ErrorCode;
import dev.modelport.ModelportException;
import dev.modelport.data.Frame;
import dev.modelport.data.Input;
import dev.modelport.data.parallel.SpareCores;
import dev.modelport.python.PythonRepr;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Decodes an {@code application/json} scoring request: picks the format from the top-level shape
 * and first key (MLflow 2.x {@code dataframe_split}, {@code dataframe_records}, {@code instances},
 * {@code inputs} beside an optional {@code params}; MLflow 1.x bare split object or records list),
 * then streams the input value through that format's codec. Errors are MLflow's: BAD_REQUEST for
 * a 2.x request, MALFORMED_REQUEST for a 1.x one. Immutable and thread-safe.
 */
public final class JsonRequestCodec implements RequestCodec {
    /** MLflow's {@code REQUIRED_INPUT_FORMAT}. */
    static final String REQUIRED_INPUT_FORMAT = "The input must be a JSON dictionary with exactly one of the input fields "
            + "{'dataframe_split', 'dataframe_records', 'instances', 'inputs'}";
    /** MLflow's {@code SCORING_PROTOCOL_CHANGE_INFO}. */
    public static final String SCORING_PROTOCOL_CHANGE_INFO = "IMPORTANT: The MLflow Model scoring protocol has changed in MLflow version"
            + " 2.0. If you are seeing this error, you are likely using an outdated scoring request format. To resolve the error, either"
            + " update your request format or adjust your MLflow Model's requirements file to specify an older version of MLflow (for"
            + " example, change the 'mlflow' requirement specifier to 'mlflow==1.30.0'). If you are making a request using the MLflow"
            + " client (e.g. via `mlflow.pyfunc.spark_udf()`), upgrade your MLflow client to a version >= 2.0 in order to use the new"
            + " request format. For more information about the updated MLflow Model scoring protocol in MLflow 2.0, see"
            + " https://mlflow.org/docs/latest/models.html#deploy-mlflow-models.";
    private static final Set<String> V1_SPLIT_KEYS = Set.of("columns", "data", "index");

    private final Optional<SchemaHint> hint;
    private final ScoringProtocol protocol;
    private final SpareCores spare;

    /**
     * @param hint the model's input signature, when it has one
     * @param protocol the generations whose request shapes are read
     * @param spare the cores a big body's decoding may borrow
     */
    public JsonRequestCodec(Optional<SchemaHint> hint, ScoringProtocol protocol, SpareCores spare) {
        this.hint = hint;
        this.protocol = protocol;
        this.spare = spare;
    }

    /** Decodes a body whose shape decides the format. */
    @Override
    public DecodedRequest decode(byte[] body) {
        ErrorCode code = protocol.unreadableBody();
        if (startsWithBom(body)) {
            throw malformed(code, "Unexpected UTF-8 BOM (decode using utf-8-sig): line 1 column 1 (char 0)", body);
        }
        if (protocol.acceptsV2()) {
            Frame plain = PlainSplitBody.read(body, context(code), spare);
            if (plain != null) {
                return new DecodedRequest(plain, RequestFormat.DATAFRAME_SPLIT, null);
            }
        }
        try (JsonParser p = Json.FACTORY.createParser(body)) {
            JsonToken t = p.nextToken();
            if (t == null) {
                throw malformed(code, "Expecting value: line 1 column 1 (char 0)", body);
            }
            if (t == JsonToken.START_ARRAY) {
                JsonToken firstElement = p.nextToken();
                if (protocol.acceptsV1() && (!protocol.acceptsV2() || firstElement == JsonToken.START_OBJECT)) {
                    code = ErrorCode.MALFORMED_REQUEST; // a 1.x records list (with both generations: only a list of records)
                    DecodeContext ctx = context(code);
                    DecodedRequest request = new DecodedRequest(FrameCaster.cast(DataframeRecordsCodec.readRows(p, firstElement), ctx),
                            RequestFormat.V1_RECORDS, null);
                    end(p);
                    return request;
                }
                while (p.getParsingContext().getNestingDepth() > 0) {
                    p.nextToken();
                }
                end(p);
                throw new ModelportException(code, "Invalid input. " + REQUIRED_INPUT_FORMAT + ". Received a list.");
            }
            if (t != JsonToken.START_OBJECT) {
                String type = PythonRepr.typeName(Json.readValue(p));
                end(p);
                throw new ModelportException(code, "Invalid input. " + REQUIRED_INPUT_FORMAT + ". Received unexpected input type '"
                        + DecodeContext.pythonClass(type) + ".");
            }
            JsonToken first = p.nextToken();
            String firstKey = first == JsonToken.FIELD_NAME ? p.currentName() : null;
            if (protocol.acceptsV1() && ("columns".equals(firstKey) || !protocol.acceptsV2() && !isTfServing(firstKey))) {
                return decodeDeclared(body, RequestFormat.V1_SPLIT);
            }
            return decodeObject(p, first, body, code);
        } catch (JsonProcessingException e) {
            throw malformed(code, e.getOriginalMessage(), body);
        } catch (IOException e) {
            throw malformed(code, e.getMessage(), body);
        }
    }

    /** Decodes a body the client declared as one 1.x format ({@code format=pandas-split|pandas-records}). */
    public DecodedRequest decodeDeclared(byte[] body, RequestFormat declared) {
        if (!declared.isLegacy()) {
            throw new IllegalArgumentException("only the 1.x formats are declared in the content type: " + declared);
        }
        ErrorCode code = ErrorCode.MALFORMED_REQUEST;
        try (JsonParser p = Json.FACTORY.createParser(body)) {
            if (p.nextToken() == null) {
                throw malformed(code, "Expecting value: line 1 column 1 (char 0)", body);
            }
            DecodeContext ctx = context(code);
            Input input = declared == RequestFormat.V1_SPLIT ? DataframeSplitCodec.decode(p, ctx) : DataframeRecordsCodec.decode(p, ctx);
            end(p);
            return new DecodedRequest(input, declared, null);
        } catch (JsonProcessingException e) {
            throw malformed(code, e.getOriginalMessage(), body);
        } catch (IOException e) {
            throw malformed(code, e.getMessage(), body);
        }
    }

    private DecodedRequest decodeObject(JsonParser p, JsonToken first, byte[] body, ErrorCode code) throws IOException {
        List<String> formatKeys = new ArrayList<>();
        List<String> allKeys = new ArrayList<>();
        Input input = null;
        RequestFormat format = null;
        ModelportException deferred = null;
        Object params = null;
        DecodeContext ctx = context(code);
        for (JsonToken t = first; t == JsonToken.FIELD_NAME; t = p.nextToken()) {
            String key = p.currentName();
            allKeys.add(key);
            p.nextToken();
            RequestFormat keyFormat = formatOf(key);
            if (keyFormat != null) {
                if (!formatKeys.contains(key)) {
                    formatKeys.add(key);
                }
                int depth = p.getParsingContext().getNestingDepth() - (p.currentToken().isStructStart() ? 1 : 0);
                try {
                    input = switch (keyFormat) {
                        case DATAFRAME_SPLIT -> DataframeSplitCodec.decode(p, ctx);
                        case DATAFRAME_RECORDS -> DataframeRecordsCodec.decode(p, ctx);
                        case INSTANCES -> TfServingCodec.decode(p, true, ctx);
                        default -> TfServingCodec.decode(p, false, ctx);
                    };
                    format = keyFormat;
                    deferred = null;
                } catch (ModelportException e) {
                    deferred = e; // reported only if the body is valid JSON with exactly one input key
                    while (p.getParsingContext().getNestingDepth() > depth) {
                        p.nextToken();
                    }
                }
            } else if ("params".equals(key)) {
                params = Json.readValue(p);
            } else {
                p.skipChildren();
            }
        }
        end(p);
        if (formatKeys.size() != 1) {
            if (formatKeys.isEmpty() && protocol.acceptsV1() && allKeys.contains("columns") && V1_SPLIT_KEYS.containsAll(allKeys)) {
                return decodeDeclared(body, RequestFormat.V1_SPLIT); // a 1.x split body whose first key is not "columns"
            }
            throw new ModelportException(code, REQUIRED_INPUT_FORMAT + ". Received dictionary with input fields: " + PythonRepr.list(formatKeys)
                    + ". " + SCORING_PROTOCOL_CHANGE_INFO);
        }
        if (deferred != null) {
            throw deferred;
        }
        return new DecodedRequest(input, format, params);
    }

    private static boolean isTfServing(String key) {
        return "instances".equals(key) || "inputs".equals(key);
    }

    private static RequestFormat formatOf(String key) {
        return switch (key) {
            case "dataframe_split" -> RequestFormat.DATAFRAME_SPLIT;
            case "dataframe_records" -> RequestFormat.DATAFRAME_RECORDS;
            case "instances" -> RequestFormat.INSTANCES;
            case "inputs" -> RequestFormat.INPUTS;
            default -> null;
        };
    }

    private DecodeContext context(ErrorCode code) {
        return new DecodeContext(hint, code);
    }

    /** Python's json refuses anything after the document ("Extra data"). */
    private static void end(JsonParser p) throws IOException {
        if (p.nextToken() != null) {
            throw new com.fasterxml.jackson.core.JsonParseException(p, "Extra data");
        }
    }

    private static ModelportException malformed(ErrorCode code, String error, byte[] body) {
        String text = new String(body, 0, Math.min(body.length, 1000), java.nio.charset.StandardCharsets.UTF_8);
        return new ModelportException(code, "Invalid input. Ensure that input is a valid JSON formatted string. Error: '"
                + error + "'\nInput: \n" + text + (body.length > 1000 ? "..." : "") + "\n");
    }

    private static boolean startsWithBom(byte[] body) {
        return body.length >= 3 && (body[0] & 0xFF) == 0xEF && (body[1] & 0xFF) == 0xBB && (body[2] & 0xFF) == 0xBF;
    }
}
