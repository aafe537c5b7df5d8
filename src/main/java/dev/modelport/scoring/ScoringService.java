package dev.modelport.scoring;

import dev.modelport.ErrorCode;
import dev.modelport.ModelportException;
import dev.modelport.data.Input;
import dev.modelport.data.Output;
import dev.modelport.data.Params;
import dev.modelport.data.codec.DecodedRequest;
import dev.modelport.data.codec.PredictionsEncoder;
import dev.modelport.data.codec.RequestCodecs;
import dev.modelport.data.codec.RequestFormat;
import dev.modelport.data.codec.ResponseCodec;
import dev.modelport.data.codec.ScoringProtocol;
import dev.modelport.data.codec.UnsupportedContentType;
import dev.modelport.data.parallel.SpareCores;
import dev.modelport.flavor.Flavors;
import dev.modelport.flavor.LoadOptions;
import dev.modelport.flavor.Predictor;
import dev.modelport.model.Model;
import dev.modelport.model.ModelDirectory;
import dev.modelport.model.ModelSignature;
import dev.modelport.python.PythonRepr;
import dev.modelport.schema.DecodeHints;
import dev.modelport.schema.ParamsEnforcer;
import dev.modelport.schema.SchemaEnforcer;
import java.util.Objects;
import java.util.Optional;

/**
 * MLflow's {@code /invocations} without HTTP: request bytes in, exactly the answer MLflow's
 * scoring server gives out. Decode (format from content type and JSON shape) → enforce the
 * signature → validate params → predict → encode ({@code {"predictions": ...}}, or a bare list
 * for an MLflow 1.x request). Every failure a client can cause becomes MLflow's error answer;
 * {@link #score} never throws. Immutable and thread-safe; build one per loaded model.
 */
public final class ScoringService implements AutoCloseable {
    private static final String JSON = "application/json";
    /** MLflow's answer when the model itself fails. */
    static final String UNEXPECTED_ERROR = "Encountered an unexpected error while evaluating the model. Verify that the serialized input"
            + " Dataframe is compatible with the model for inference.";

    private final Model mlmodel;
    private final Predictor predictor;
    private final ScoringProtocol protocol;
    private final RequestCodecs codecs;
    private final ResponseCodec answers;
    private final Optional<SchemaEnforcer> enforcer;
    private final ParamsEnforcer params;
    private final SpareCores spare;

    /** Scores with {@code predictor}, decoding on this thread alone. */
    public ScoringService(Model mlmodel, Predictor predictor, ScoringProtocol protocol) {
        this(mlmodel, predictor, protocol, SpareCores.none());
    }

    /** Scores with {@code predictor}, a big body decoded with the help of {@code spare}, which {@link #close} closes. */
    public ScoringService(Model mlmodel, Predictor predictor, ScoringProtocol protocol, SpareCores spare) {
        this.mlmodel = Objects.requireNonNull(mlmodel, "mlmodel");
        this.predictor = Objects.requireNonNull(predictor, "predictor");
        this.protocol = Objects.requireNonNull(protocol, "protocol");
        this.spare = Objects.requireNonNull(spare, "spare");
        Optional<ModelSignature> signature = mlmodel.signature();
        this.codecs = new RequestCodecs(signature.map(s -> DecodeHints.of(s.inputs())), protocol, spare);
        this.answers = new PredictionsEncoder(protocol);
        this.enforcer = signature.map(s -> new SchemaEnforcer(s.inputs()));
        this.params = new ParamsEnforcer(signature.flatMap(ModelSignature::params));
    }

    /** Loads the model in {@code dir} with the preferred flavor (or {@code forcedFlavor}) and scores with it. */
    public static ScoringService open(ModelDirectory dir, Flavors flavors, Optional<String> forcedFlavor, ScoringProtocol protocol) {
        return open(dir, flavors, forcedFlavor, LoadOptions.defaults(), protocol);
    }

    /**
     * As {@link #open(ModelDirectory, Flavors, Optional, ScoringProtocol)}, with the serve options: out-of-process
     * flavors' workers, and the spare cores big requests are decoded and predicted on (closed with the service).
     */
    public static ScoringService open(ModelDirectory dir, Flavors flavors, Optional<String> forcedFlavor, LoadOptions options,
            ScoringProtocol protocol) {
        Model mlmodel = Model.load(dir.root());
        return new ScoringService(mlmodel, flavors.load(dir, mlmodel, forcedFlavor, options), protocol, options.spareCores());
    }

    /** True when the model predicts in this JVM (see {@link Predictor#inProcess}). */
    public boolean inProcess() {
        return predictor.inProcess();
    }

    /** Releases the predictor (a Python flavor's worker processes) and the spare cores' threads. */
    @Override
    public void close() {
        predictor.close();
        spare.close();
    }

    /** The MLmodel of the model being scored. */
    public Model model() {
        return mlmodel;
    }

    /**
     * Scores one request.
     *
     * @param contentType the request's Content-Type header, null when it had none
     * @param body the request body
     */
    public ScoringResponse score(String contentType, byte[] body) {
        try {
            return scoreOrThrow(contentType, body == null ? new byte[0] : body);
        } catch (UnsupportedContentType e) {
            return ErrorResponses.unsupportedMediaType(e.getMessage());
        } catch (ModelportException e) {
            return ErrorResponses.of(e);
        } catch (RuntimeException | StackOverflowError e) {
            return ErrorResponses.internal(e);
        }
    }

    private ScoringResponse scoreOrThrow(String contentType, byte[] body) {
        RequestFormat format = RequestFormat.detect(contentType, protocol);
        DecodedRequest request = codecs.forFormat(format).decode(body);
        Enforced enforced = enforce(request);
        Output output = predict(request.input(), enforced.input(), enforced.params());
        return new ScoringResponse(200, JSON, answers.encode(output, request));
    }

    /** The input and params as the signature makes them. */
    private record Enforced(Input input, Params params) {
    }

    private Enforced enforce(DecodedRequest request) {
        Input sent = request.input();
        try {
            Input input = enforcer.isPresent() ? enforcer.get().enforce(sent) : sent;
            return new Enforced(input, params.enforce(request.params(), () -> PythonRepr.describe(sent)));
        } catch (ModelportException e) {
            // MLflow 1.x re-raised schema failures as BAD_REQUEST
            throw protocol.answersAsV1(request.format()) ? new ModelportException(ErrorCode.BAD_REQUEST, e.getMessage()) : e;
        }
    }

    private Output predict(Input sent, Input input, Params validParams) {
        Output output;
        try {
            output = predictor.predict(input, validParams);
        } catch (ModelportException e) {
            // an MlflowException raised by predict keeps its code; the server prefixes the data it was given
            throw new ModelportException(e.code(), "Failed to predict data '" + PythonRepr.describe(sent) + "'. \nError: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            String detail = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            throw new ModelportException(ErrorCode.BAD_REQUEST, UNEXPECTED_ERROR + " " + detail, e);
        }
        if (output == null) {
            throw new ModelportException(ErrorCode.BAD_REQUEST, UNEXPECTED_ERROR + " The model returned no prediction.");
        }
        return output;
    }
}
