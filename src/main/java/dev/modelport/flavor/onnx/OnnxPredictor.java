package dev.modelport.flavor.onnx;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import dev.modelport.ErrorCode;
import dev.modelport.ModelportException;
import dev.modelport.data.Column;
import dev.modelport.data.Frame;
import dev.modelport.data.Input;
import dev.modelport.data.Output;
import dev.modelport.data.Params;
import dev.modelport.data.Tensor;
import dev.modelport.data.TensorMap;
import dev.modelport.flavor.Predictor;
import dev.modelport.python.PythonRepr;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Predicts as MLflow's {@code _OnnxModelWrapper.predict}. Feeds: a dict of arrays as it is; an
 * ndarray as the model's only input; a DataFrame column by column under the model's input names
 * when the model has several inputs, else the whole frame ({@code DataFrame.values}) as its one
 * input; float64 feeds of {@code tensor(float)} inputs are cast to float32. Every output is
 * computed; a DataFrame input gets a DataFrame of the outputs, each flattened to one column, any
 * other input a dict of the output arrays. One ONNX Runtime session, run concurrently (its
 * {@code Run} is thread-safe); closing the predictor closes it.
 */
final class OnnxPredictor implements Predictor {
    private static final Logger LOG = Logger.getLogger(OnnxPredictor.class);

    private final OrtEnvironment env;
    private final OrtSession session;
    private final List<String> inputNames;
    private final Set<String> floatInputs;
    private final List<String> outputNames;
    private final AtomicBoolean closed = new AtomicBoolean();

    private OnnxPredictor(OrtEnvironment env, OrtSession session, List<String> inputNames, Set<String> floatInputs, List<String> outputNames) {
        this.env = env;
        this.session = session;
        this.inputNames = List.copyOf(inputNames);
        this.floatInputs = Set.copyOf(floatInputs);
        this.outputNames = List.copyOf(outputNames);
    }

    /** Takes ownership of {@code session}: closes it when the model's outputs cannot be served. */
    static OnnxPredictor open(OrtEnvironment env, OrtSession session, Path file) throws OrtException {
        try {
            Map<String, NodeInfo> inputs = session.getInputInfo();
            if (inputs.isEmpty()) {
                throw ModelportException.badModel("ONNX model %s has no inputs", file);
            }
            for (NodeInfo output : session.getOutputInfo().values()) {
                if (!OrtValues.readable(output.getInfo())) {
                    throw ModelportException.badModel("ONNX model %s has output '%s' of type %s, which Modelport does not read natively;"
                            + " serve it with --flavor python_function", file, output.getName(), output.getInfo());
                }
            }
            Set<String> floats = inputs.values().stream()
                    .filter(i -> i.getInfo() instanceof TensorInfo t && t.onnxType == TensorInfo.OnnxTensorType.ONNX_TENSOR_ELEMENT_DATA_TYPE_FLOAT)
                    .map(NodeInfo::getName).collect(Collectors.toSet());
            return new OnnxPredictor(env, session, new ArrayList<>(inputs.keySet()), floats, new ArrayList<>(session.getOutputInfo().keySet()));
        } catch (OrtException | RuntimeException e) {
            session.close();
            throw e;
        }
    }

    @Override
    public Output predict(Input input, Params params) {
        Map<String, Tensor> feeds = switch (input) {
            case TensorMap m -> m.tensors();
            case Tensor t -> {
                if (inputNames.size() != 1) {
                    throw new ModelportException(ErrorCode.INTERNAL_ERROR, "Unable to map numpy array input to the expected model input."
                            + " Numpy arrays can only be used as input for MLflow ONNX models that have a single input. This model requires "
                            + inputNames.size() + " inputs. Please pass in data as either a dictionary or a DataFrame with the following"
                            + " tensors: " + PythonRepr.list(inputNames) + ".");
                }
                yield Map.of(inputNames.get(0), t);
            }
            case Frame f -> inputNames.size() > 1 ? columnFeeds(f) : Map.of(inputNames.get(0), f.toNumpy());
        };
        List<Tensor> predicted = run(feeds);
        if (input instanceof Frame) {
            return frame(predicted);
        }
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (int i = 0; i < predicted.size(); i++) {
            out.put(outputNames.get(i), predicted.get(i));
        }
        return new TensorMap(out);
    }

    /** {@code {name: data[name].values for name in inputs}}. */
    private Map<String, Tensor> columnFeeds(Frame frame) {
        Map<String, Tensor> feeds = new LinkedHashMap<>();
        for (String name : inputNames) {
            Column column = frame.column(name).orElseThrow(() -> new IllegalArgumentException("KeyError: " + PythonRepr.quote(name)
                    + " (the model's inputs are " + PythonRepr.list(inputNames) + ", the DataFrame's columns " + PythonRepr.list(frame.names()) + ")"));
            feeds.put(name, Tensor.vector(column));
        }
        return feeds;
    }

    private List<Tensor> run(Map<String, Tensor> feeds) {
        List<String> missing = inputNames.stream().filter(n -> !feeds.containsKey(n)).toList();
        if (!missing.isEmpty()) { // onnxruntime's InferenceSession.run checks this first
            throw new IllegalArgumentException("Required inputs (" + PythonRepr.list(missing) + ") are missing from input feed ("
                    + PythonRepr.list(new ArrayList<>(feeds.keySet())) + ").");
        }
        Map<String, OnnxTensor> tensors = new LinkedHashMap<>();
        try {
            for (Map.Entry<String, Tensor> e : feeds.entrySet()) {
                tensors.put(e.getKey(), OrtValues.feed(env, e.getKey(), e.getValue(), floatInputs.contains(e.getKey())));
            }
            try (OrtSession.Result result = session.run(tensors)) {
                List<Tensor> out = new ArrayList<>(result.size());
                for (int i = 0; i < result.size(); i++) {
                    out.add(OrtValues.read(result.get(i)));
                }
                return out;
            }
        } catch (OrtException e) {
            throw new IllegalArgumentException("ONNX Runtime: " + e.getMessage(), e);
        } finally {
            tensors.values().forEach(OnnxTensor::close);
        }
    }

    /** {@code pd.DataFrame.from_dict({name: np.asarray(p).reshape(-1)})}. */
    private Frame frame(List<Tensor> predicted) {
        int rows = predicted.get(0).values().size();
        List<Column> columns = new ArrayList<>(predicted.size());
        for (Tensor t : predicted) {
            if (t.values().size() != rows) {
                throw new IllegalArgumentException("All arrays must be of the same length (outputs " + PythonRepr.list(outputNames) + " flatten to "
                        + predicted.stream().map(p -> Integer.toString(p.values().size())).collect(Collectors.joining(", ")) + " values)");
            }
            columns.add(t.values());
        }
        return new Frame(outputNames, columns, rows);
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            try {
                session.close();
            } catch (OrtException e) {
                LOG.warnf("Closing the ONNX Runtime session failed: %s", e.getMessage());
            }
        }
    }
}
