package dev.modelport.schema;

import dev.modelport.ErrorCode;
import dev.modelport.ModelportException;
import dev.modelport.data.BooleanColumn;
import dev.modelport.data.Column;
import dev.modelport.data.DoubleColumn;
import dev.modelport.data.Dtype;
import dev.modelport.data.Frame;
import dev.modelport.data.Input;
import dev.modelport.data.LongColumn;
import dev.modelport.data.ObjectColumn;
import dev.modelport.data.Tensor;
import dev.modelport.data.TensorMap;
import dev.modelport.model.ColSpec;
import dev.modelport.model.ColType;
import dev.modelport.model.ColumnSchema;
import dev.modelport.model.DataType;
import dev.modelport.model.Schema;
import dev.modelport.model.TensorSchema;
import dev.modelport.model.TensorSpec;
import dev.modelport.python.NumpyCast;
import dev.modelport.python.PythonRepr;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * MLflow's {@code _enforce_schema}, rule for rule, for one input schema: named inputs are matched
 * by name and reordered to the signature (extra inputs dropped, optional ones may be absent, a
 * missing required one is an error); column types are checked and safely upcast as
 * {@code _enforce_mlflow_datatype} does; tensors are checked for shape and dtype as
 * {@code _enforce_tensor_spec} does. Failures are 400 INVALID_PARAMETER_VALUE worded as MLflow's
 * scoring server words them ("Failed to predict data ... Failed to enforce schema ...").
 * Immutable and thread-safe.
 */
public final class SchemaEnforcer {
    private final Schema schema;
    private final String schemaRepr;

    public SchemaEnforcer(Schema schema) {
        this.schema = Objects.requireNonNull(schema, "schema");
        this.schemaRepr = repr(schema);
    }

    /** The input in the signature's order and types, ready for the model. */
    public Input enforce(Input input) {
        try {
            return switch (schema) {
                case ColumnSchema columns -> enforceColumns(columns, toFrame(input));
                case TensorSchema tensors -> enforceTensors(tensors, input);
            };
        } catch (Mismatch | IllegalArgumentException e) {
            String data = PythonRepr.describe(input);
            throw new ModelportException(ErrorCode.INVALID_PARAMETER_VALUE, "Failed to predict data '" + data + "'. \nError: Failed to enforce schema of data '"
                    + data + "' with schema '" + schemaRepr + "'. Error: " + e.getMessage());
        }
    }

    // ---- column-based signatures

    private Frame enforceColumns(ColumnSchema cols, Frame frame) {
        List<ColSpec> specs = cols.columns();
        if (cols.hasNames()) {
            checkMissing(specs.stream().filter(ColSpec::required).map(c -> c.name().orElseThrow()).toList(),
                    specs.stream().filter(c -> !c.required()).map(c -> c.name().orElseThrow()).toList(), frame.names());
            List<String> names = new ArrayList<>();
            List<Column> columns = new ArrayList<>();
            for (ColSpec spec : specs) {
                String name = spec.name().orElseThrow();
                int i = frame.names().indexOf(name);
                if (i < 0) {
                    continue; // an absent optional column
                }
                names.add(name);
                columns.add(enforceColumn(name, frame.columns().get(i), spec.type()));
            }
            return new Frame(names, columns, frame.rows());
        }
        if (frame.width() < specs.size()) {
            throw new Mismatch("Model inference is missing inputs. The model signature declares " + specs.size()
                    + " inputs  but the provided value only has " + frame.width() + " inputs. Note: the inputs were not named in the"
                    + " signature so we can only verify their count.");
        }
        List<String> names = new ArrayList<>();
        List<Column> columns = new ArrayList<>();
        for (int i = 0; i < specs.size(); i++) {
            names.add(frame.names().get(i));
            columns.add(enforceColumn(frame.names().get(i), frame.columns().get(i), specs.get(i).type()));
        }
        return new Frame(names, columns, frame.rows());
    }

    private static Column enforceColumn(String name, Column column, ColType type) {
        if (!(type instanceof DataType t)) {
            return column; // array/object/map/any columns are passed as sent
        }
        Column values = column;
        if (values.dtype() == Dtype.OBJECT && t != DataType.BINARY && t != DataType.STRING) {
            values = inferObjects((ObjectColumn) values);
        }
        Dtype dtype = values.dtype();
        if (t == DataType.STRING && dtype == Dtype.OBJECT) {
            return values;
        }
        Dtype numpy = DecodeHints.numpyDtype(t);
        if (dtype == numpy || dtype == DecodeHints.pandasDtype(t) || t == DataType.BINARY && dtype == Dtype.OBJECT) {
            return values;
        }
        if (t == DataType.DATETIME && (dtype == Dtype.OBJECT || dtype == Dtype.STR)) {
            try {
                return NumpyCast.cast(values, Dtype.DATETIME64);
            } catch (IllegalArgumentException e) {
                throw new Mismatch("Failed to convert column " + name + " from type " + dtype + " to " + t + ".");
            }
        }
        if (t == DataType.BOOLEAN && dtype == Dtype.OBJECT) {
            return values; // MLflow passes object values on rather than turn None into False
        }
        boolean upcast;
        if (kind(dtype) == kind(numpy)) {
            upcast = itemsize(dtype) <= itemsize(numpy);
        } else if (kind(dtype) == 'u' && kind(numpy) == 'i') {
            upcast = itemsize(dtype) < itemsize(numpy);
        } else {
            upcast = (kind(dtype) == 'i' || kind(dtype) == 'u') && numpy == Dtype.FLOAT64 && itemsize(dtype) <= 6;
        }
        if (upcast) {
            return NumpyCast.cast(values, numpy);
        }
        String hint = "";
        if (dtype == Dtype.FLOAT64 && numpy.isInteger() && values instanceof DoubleColumn d && allIntsWithNan(d.values())) {
            hint = " Hint: the type mismatch is likely caused by missing values. Integer columns in python can not represent missing"
                    + " values and are therefore encoded as floats. The best way to avoid this problem is to infer the model schema based"
                    + " on a realistic data sample (training dataset) that includes missing values. Alternatively, you can declare integer"
                    + " columns as doubles (float64) whenever these columns may have missing values. See `Handling Integers With Missing"
                    + " Values <https://www.mlflow.org/docs/latest/models.html#handling-integers-with-missing-values>`_ for more details.";
        }
        throw new Mismatch("Incompatible input types for column " + name + ". Can not safely convert " + numpyName(dtype) + " to "
                + numpyName(numpy) + "." + hint);
    }

    private static boolean allIntsWithNan(double[] values) {
        boolean nan = false;
        for (double v : values) {
            if (Double.isNaN(v)) {
                nan = true;
            } else if (v != Math.rint(v)) {
                return false;
            }
        }
        return nan;
    }

    /** pandas' {@code infer_objects()}: an object column of all ints, numbers (with None) or bools becomes typed. */
    static Column inferObjects(ObjectColumn column) {
        Object[] v = column.values();
        boolean ints = v.length > 0;
        boolean numbers = v.length > 0;
        boolean bools = v.length > 0;
        boolean anyNumber = false;
        for (Object o : v) {
            ints &= o instanceof Long;
            numbers &= o == null || o instanceof Long || o instanceof Double;
            anyNumber |= o instanceof Long || o instanceof Double;
            bools &= o instanceof Boolean;
        }
        if (ints) {
            long[] out = new long[v.length];
            for (int i = 0; i < v.length; i++) {
                out[i] = (Long) v[i];
            }
            return new LongColumn(out, Dtype.INT64);
        }
        if (numbers && anyNumber) {
            double[] out = new double[v.length];
            for (int i = 0; i < v.length; i++) {
                out[i] = v[i] == null ? Double.NaN : ((Number) v[i]).doubleValue();
            }
            return new DoubleColumn(out, Dtype.FLOAT64);
        }
        if (bools) {
            boolean[] out = new boolean[v.length];
            for (int i = 0; i < v.length; i++) {
                out[i] = (Boolean) v[i];
            }
            return new BooleanColumn(out);
        }
        return column;
    }

    // ---- tensor-based signatures

    private Input enforceTensors(TensorSchema tensors, Input input) {
        List<TensorSpec> specs = tensors.tensors();
        if (tensors.hasNames()) {
            List<String> names = specs.stream().map(t -> t.name().orElseThrow()).toList();
            Input named = input;
            if (names.size() == 1 && input instanceof Tensor t) {
                named = new TensorMap(Map.of(names.get(0), t)); // a single named input takes a bare array
            }
            List<String> actual = switch (named) {
                case Frame f -> f.names();
                case TensorMap m -> new ArrayList<>(m.tensors().keySet());
                case Tensor t -> List.of();
            };
            checkMissing(names, List.of(), actual);
            Map<String, Tensor> out = new LinkedHashMap<>();
            for (TensorSpec spec : specs) {
                String name = spec.name().orElseThrow();
                out.put(name, switch (named) {
                    case TensorMap m -> enforceTensor(m.tensors().get(name), spec);
                    case Frame f -> fromColumn("input " + name, f.column(name).orElseThrow(), spec);
                    case Tensor t -> throw new Mismatch("This model contains a tensor-based model signature with input names, which suggests a"
                            + " dictionary input mapping input name to tensor, or a pandas DataFrame input containing columns mapping input"
                            + " name to flattened list value from tensor, but an input of type <class 'numpy.ndarray'> was found.");
                });
            }
            return new TensorMap(out);
        }
        TensorSpec spec = specs.get(0);
        return switch (input) {
            case Tensor t -> enforceTensor(t, spec);
            case Frame f -> {
                if (f.rows() == 0 || f.width() == 0) {
                    throw new Mismatch("Input DataFrame is empty.");
                }
                if (f.width() == 1) {
                    yield fromColumn("the unnamed input", f.columns().get(0), spec);
                }
                if (!spec.shape().equals(List.of(-1, f.width()))) {
                    throw new Mismatch("This model contains a model signature with an unnamed input. Since the input data is a pandas"
                            + " DataFrame containing multiple columns, the input shape must be of the structure (-1, number_of_dataframe_columns)."
                            + " Instead, the input DataFrame passed had " + f.width() + " columns and an input shape of " + shapeRepr(spec.shape())
                            + " with all values within the DataFrame of scalar type. Please adjust the passed in DataFrame to match the expected structure");
                }
                yield enforceTensor(f.toNumpy(), spec);
            }
            case TensorMap m -> throw new Mismatch("This model contains a tensor-based model signature with no input names, which suggests a"
                    + " numpy array input or a pandas dataframe input with proper column values, but an input of type <class 'dict'> was found.");
        };
    }

    /** {@code _enforce_tensor_spec}: shape (-1 is any size) and dtype must match. */
    static Tensor enforceTensor(Tensor t, TensorSpec spec) {
        List<Integer> expected = spec.shape();
        int[] actual = t.shape();
        Dtype want = DecodeHints.tensorDtype(spec);
        if (expected.size() == 1 && expected.get(0) == -1 && want == Dtype.OBJECT) {
            return t;
        }
        if (expected.size() > 1 && expected.subList(1, expected.size()).contains(-1) && actual.length == 1 && t.dtype() == Dtype.OBJECT) {
            return t;
        }
        boolean same = expected.size() == actual.length;
        for (int i = 0; same && i < actual.length; i++) {
            same = expected.get(i) == -1 || expected.get(i) == actual[i];
        }
        if (!same) {
            throw new Mismatch("Shape of input " + PythonRepr.tuple(actual) + " does not match expected shape " + shapeRepr(expected) + ".");
        }
        if (t.dtype() != want) {
            throw new Mismatch("dtype of input " + numpyName(t.dtype()) + " does not match expected dtype " + spec.dtype());
        }
        return t;
    }

    /** {@code _reshape_and_cast_pandas_column_values}: one DataFrame column into one tensor. */
    private static Tensor fromColumn(String what, Column column, TensorSpec spec) {
        List<Integer> shape = spec.shape();
        if (shape.isEmpty() || shape.get(0) != -1 || shape.subList(1, shape.size()).contains(-1)) {
            throw new Mismatch("For pandas dataframe input, the first dimension of shape must be a variable dimension and other"
                    + " dimensions must be fixed, but in model signature the shape of " + what + " is " + shapeRepr(shape) + ".");
        }
        Dtype want = DecodeHints.tensorDtype(spec);
        if (column.size() > 0 && column.get(0) instanceof List<?>) {
            List<Object> flat = new ArrayList<>();
            for (int i = 0; i < column.size(); i++) {
                flatten(column.get(i), flat);
            }
            int inner = 1;
            for (int d : shape.subList(1, shape.size())) {
                inner *= d;
            }
            if (inner == 0 || flat.size() != inner * column.size()) {
                throw new Mismatch("The value in the Input DataFrame column '" + what + "' could not be converted to the expected shape of: '"
                        + shapeRepr(shape) + "'. Ensure that each of the input list elements are of uniform length and that the data can be"
                        + " coerced to the tensor type '" + spec.dtype() + "'");
            }
            int[] dims = shape.stream().mapToInt(Integer::intValue).toArray();
            dims[0] = column.size();
            return new Tensor(castOrMismatch(new ObjectColumn(flat.toArray(), Dtype.OBJECT), want), dims);
        }
        if (shape.equals(List.of(-1))) {
            return enforceTensor(new Tensor(castOrMismatch(column, want), column.size()), spec);
        }
        if (shape.equals(List.of(-1, 1))) {
            return enforceTensor(new Tensor(castOrMismatch(column, want), column.size(), 1), spec);
        }
        throw new Mismatch("The input pandas dataframe column '" + what + "' contains scalar values, which requires the shape to be (-1,) or"
                + " (-1, 1), but got tensor spec shape of " + shapeRepr(shape) + ".");
    }

    private static void flatten(Object value, List<Object> into) {
        if (value instanceof List<?> list) {
            for (Object o : list) {
                flatten(o, into);
            }
        } else {
            into.add(value);
        }
    }

    private static Column castOrMismatch(Column column, Dtype dtype) {
        try {
            return dtype == Dtype.OBJECT ? column : NumpyCast.cast(column, dtype);
        } catch (IllegalArgumentException e) {
            throw new Mismatch(e.getMessage());
        }
    }

    // ---- inputs that are not DataFrames, for column-based signatures

    /** What {@code _enforce_schema} makes of an input before checking columns: {@code pd.DataFrame(input)}. */
    static Frame toFrame(Input input) {
        return switch (input) {
            case Frame f -> f;
            case Tensor t -> tensorToFrame(t);
            case TensorMap m -> dictToFrame(m);
        };
    }

    private static Frame tensorToFrame(Tensor t) {
        if (t.rank() == 1) {
            return Frame.of(List.of("0"), List.of(t.values()));
        }
        if (t.rank() != 2) {
            throw new Mismatch("Expected input to be DataFrame. Found: ndarray with shape " + PythonRepr.tuple(t.shape())
                    + " (pandas needs a 1-d or 2-d array)");
        }
        int rows = t.dim(0);
        int width = t.dim(1);
        List<String> names = new ArrayList<>(width);
        List<Column> columns = new ArrayList<>(width);
        for (int j = 0; j < width; j++) {
            names.add(Integer.toString(j));
            columns.add(slice(t.values(), j, width, rows));
        }
        return new Frame(names, columns, rows);
    }

    /** Column {@code j} of a row-major matrix of {@code width} columns. */
    private static Column slice(Column flat, int j, int width, int rows) {
        return switch (flat) {
            case DoubleColumn d -> {
                double[] out = new double[rows];
                for (int i = 0; i < rows; i++) {
                    out[i] = d.values()[i * width + j];
                }
                yield new DoubleColumn(out, d.dtype());
            }
            case LongColumn l -> {
                long[] out = new long[rows];
                for (int i = 0; i < rows; i++) {
                    out[i] = l.values()[i * width + j];
                }
                yield new LongColumn(out, l.dtype());
            }
            case BooleanColumn b -> {
                boolean[] out = new boolean[rows];
                for (int i = 0; i < rows; i++) {
                    out[i] = b.values()[i * width + j];
                }
                yield new BooleanColumn(out);
            }
            case ObjectColumn o -> {
                Object[] out = new Object[rows];
                for (int i = 0; i < rows; i++) {
                    out[i] = o.values()[i * width + j];
                }
                yield new ObjectColumn(out, o.dtype() == Dtype.STR ? Dtype.OBJECT : o.dtype());
            }
        };
    }

    private static Frame dictToFrame(TensorMap m) {
        Map<String, Tensor> tensors = m.tensors();
        boolean allScalars = tensors.values().stream().allMatch(t -> t.rank() == 0);
        int rows = allScalars ? 1 : -1;
        for (Tensor t : tensors.values()) {
            if (t.rank() > 0) {
                if (rows >= 0 && t.dim(0) != rows) {
                    throw new Mismatch("This model contains a column-based signature, which suggests a DataFrame input. There was an error"
                            + " casting the input data to a DataFrame: All arrays must be of the same length");
                }
                rows = t.dim(0);
            }
        }
        rows = Math.max(rows, 0);
        List<String> names = new ArrayList<>();
        List<Column> columns = new ArrayList<>();
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            Tensor t = e.getValue();
            names.add(e.getKey());
            Column c = t.values();
            if (t.rank() == 1) {
                columns.add(c.dtype() == Dtype.STR ? new ObjectColumn(((ObjectColumn) c).values(), Dtype.OBJECT) : c);
            } else {
                Object[] out = new Object[rows];
                int per = t.rank() == 0 ? 0 : c.size() / Math.max(rows, 1);
                for (int i = 0; i < rows; i++) {
                    out[i] = t.rank() == 0 ? c.get(0) : nested(c, t.shape(), 1, i * per);
                }
                columns.add(t.rank() == 0 ? repeat(c, rows) : new ObjectColumn(out, Dtype.OBJECT));
            }
        }
        return new Frame(names, columns, rows);
    }

    private static Column repeat(Column scalar, int rows) {
        return switch (scalar) {
            case DoubleColumn d -> {
                double[] out = new double[rows];
                Arrays.fill(out, d.values()[0]);
                yield new DoubleColumn(out, d.dtype());
            }
            case LongColumn l -> {
                long[] out = new long[rows];
                Arrays.fill(out, l.values()[0]);
                yield new LongColumn(out, l.dtype());
            }
            case BooleanColumn b -> {
                boolean[] out = new boolean[rows];
                Arrays.fill(out, b.values()[0]);
                yield new BooleanColumn(out);
            }
            case ObjectColumn o -> {
                Object[] out = new Object[rows];
                Arrays.fill(out, o.values()[0]);
                yield new ObjectColumn(out, Dtype.OBJECT);
            }
        };
    }

    /** The sub-array at {@code axis} starting at {@code offset}, as nested lists. */
    private static List<Object> nested(Column c, int[] shape, int axis, int offset) {
        int n = shape[axis];
        int stride = 1;
        for (int k = axis + 1; k < shape.length; k++) {
            stride *= shape[k];
        }
        List<Object> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(axis == shape.length - 1 ? c.get(offset + i) : nested(c, shape, axis + 1, offset + i * stride));
        }
        return out;
    }

    // ---- shared

    private static void checkMissing(List<String> required, List<String> optional, List<String> actual) {
        Set<String> present = new HashSet<>(actual);
        List<String> missing = required.stream().filter(n -> !present.contains(n)).toList();
        if (!missing.isEmpty()) {
            Set<String> known = new HashSet<>(required);
            known.addAll(optional);
            List<String> extra = actual.stream().filter(n -> !known.contains(n)).distinct().toList();
            throw new Mismatch("Model is missing inputs " + PythonRepr.list(missing) + "."
                    + (extra.isEmpty() ? "" : " Note that there were extra inputs: " + PythonRepr.list(extra)));
        }
    }

    private static char kind(Dtype d) {
        return switch (d) {
            case BOOL -> 'b';
            case INT8, INT16, INT32, INT64 -> 'i';
            case UINT8, UINT16, UINT32, UINT64 -> 'u';
            case FLOAT16, FLOAT32, FLOAT64 -> 'f';
            case STR -> 'U';
            case BYTES -> 'S';
            case OBJECT -> 'O';
            case DATETIME64 -> 'M';
        };
    }

    private static int itemsize(Dtype d) {
        return switch (d) {
            case BOOL, INT8, UINT8 -> 1;
            case INT16, UINT16, FLOAT16 -> 2;
            case INT32, UINT32, FLOAT32 -> 4;
            default -> 8;
        };
    }

    /** numpy's printed name: {@code <U0} for str, {@code |S0} for bytes. */
    private static String numpyName(Dtype d) {
        return switch (d) {
            case STR -> "<U0";
            case BYTES -> "|S0";
            default -> d.numpyName();
        };
    }

    static String repr(Schema schema) {
        List<String> parts = new ArrayList<>();
        switch (schema) {
            case ColumnSchema c -> {
                for (ColSpec spec : c.columns()) {
                    parts.add(spec.name().map(n -> PythonRepr.quote(n) + ": ").orElse("") + colTypeRepr(spec.type())
                            + (spec.required() ? " (required)" : " (optional)"));
                }
            }
            case TensorSchema t -> {
                for (TensorSpec spec : t.tensors()) {
                    parts.add(spec.name().map(n -> PythonRepr.quote(n) + ": ").orElse("") + "Tensor(" + PythonRepr.quote(spec.dtype())
                            + ", " + shapeRepr(spec.shape()) + ")");
                }
            }
        }
        return "[" + String.join(", ", parts) + "]";
    }

    private static String colTypeRepr(ColType type) {
        return switch (type) {
            case DataType d -> d.mlflowName();
            case ColType.ArrayType a -> "Array(" + colTypeRepr(a.items()) + ")";
            case ColType.MapType m -> "Map(str -> " + colTypeRepr(m.values()) + ")";
            case ColType.ObjectType o -> "Object";
            case ColType.AnyType any -> "Any";
        };
    }

    static String shapeRepr(List<Integer> shape) {
        return PythonRepr.tuple(shape.stream().mapToInt(Integer::intValue).toArray());
    }

    /** A schema violation, before it is worded as the scoring server words it. */
    private static final class Mismatch extends RuntimeException {
        Mismatch(String message) {
            super(message, null, false, false);
        }
    }
}
