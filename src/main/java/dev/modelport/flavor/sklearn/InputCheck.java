package dev.modelport.flavor.sklearn;

import dev.modelport.data.BooleanColumn;
import dev.modelport.data.Column;
import dev.modelport.data.DoubleColumn;
import dev.modelport.data.LongColumn;
import dev.modelport.data.ObjectColumn;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * scikit-learn's {@code _validate_data(X, reset=False)} for one fitted estimator: feature names,
 * conversion to a float matrix ({@code check_array}), finiteness, at least one sample, and the
 * number of features, failing with scikit-learn's own messages.
 */
record InputCheck(String estimator, int nFeatures, String[] featureNames) {
    private static final Pattern PY_FLOAT = Pattern.compile(
            "[+-]?((\\d(_?\\d)*)(\\.(\\d(_?\\d)*)?)?|\\.\\d(_?\\d)*)([eE][+-]?\\d(_?\\d)*)?");

    static InputCheck of(EstimatorState s) {
        return new InputCheck(s.shortName(), s.nFeaturesIn(), s.featureNamesIn().orElse(null));
    }

    /** {@code _check_feature_names(X, reset=False)}: a DataFrame with other column names than at fit fails. */
    void checkNames(Table x) {
        if (featureNames == null || !x.isFrame()) {
            return;
        }
        List<String> given = x.names();
        if (given.equals(List.of(featureNames))) {
            return;
        }
        Set<String> fitted = new LinkedHashSet<>(List.of(featureNames));
        Set<String> unseen = new LinkedHashSet<>(given);
        unseen.removeAll(fitted);
        Set<String> missing = new LinkedHashSet<>(fitted);
        missing.removeAll(new LinkedHashSet<>(given));
        StringBuilder msg = new StringBuilder("The feature names should match those that were passed during fit.\n");
        if (!unseen.isEmpty()) {
            msg.append("Feature names unseen at fit time:\n");
            unseen.stream().limit(5).forEach(n -> msg.append("- ").append(n).append('\n'));
            if (unseen.size() > 5) {
                msg.append("- ...\n");
            }
        }
        if (!missing.isEmpty()) {
            msg.append("Feature names seen at fit time, yet now missing:\n");
            missing.stream().limit(5).forEach(n -> msg.append("- ").append(n).append('\n'));
            if (missing.size() > 5) {
                msg.append("- ...\n");
            }
        }
        if (unseen.isEmpty() && missing.isEmpty()) {
            msg.append("Feature names must be in the same order as they were in fit.\n");
        }
        throw new IllegalArgumentException(msg.toString());
    }

    /** {@code _check_n_features(X, reset=False)}. */
    void checkFeatureCount(int width) {
        if (nFeatures >= 0 && width != nFeatures) {
            throw new IllegalArgumentException(
                    "X has " + width + " features, but " + estimator + " is expecting " + nFeatures + " features as input.");
        }
    }

    void checkSamples(Table x) {
        if (x.rows() < 1) {
            throw new IllegalArgumentException("Found array with 0 sample(s) (shape=(0, " + x.width()
                    + ")) while a minimum of 1 is required by " + estimator + ".");
        }
    }

    /**
     * The whole validation, returning the features column by column as float64 (or float32
     * rounded, for the tree ensembles that validate with {@code dtype=np.float32}).
     */
    double[][] doubles(Table x, boolean float32, boolean allowNan) {
        checkNames(x);
        // every column converted before any is checked, as numpy's asarray comes before the finiteness check; a
        // float column is read as it is, into the new array its caller may write, instead of copied then read again
        double[][] values = new double[x.width()][];
        for (int j = 0; j < values.length; j++) {
            Column column = x.columns().get(j);
            values[j] = column instanceof DoubleColumn d ? d.values() : toDoubles(column);
        }
        double[][] cols = new double[values.length][];
        for (int j = 0; j < cols.length; j++) {
            double[] from = values[j];
            double[] col = x.columns().get(j) instanceof DoubleColumn ? new double[from.length] : from;
            for (int i = 0; i < col.length; i++) {
                double v = float32 ? (double) (float) from[i] : from[i];
                col[i] = v;
                if (Double.isNaN(v) && !allowNan) {
                    throw new IllegalArgumentException(nanMessage());
                }
                if (Double.isInfinite(v)) {
                    throw new IllegalArgumentException("Input X contains infinity or a value too large for dtype('"
                            + (float32 ? "float32" : "float64") + "').");
                }
            }
            cols[j] = col;
        }
        checkSamples(x);
        checkFeatureCount(x.width());
        return cols;
    }

    private String nanMessage() {
        return "Input X contains NaN.\n" + estimator + " does not accept missing values encoded as NaN natively. For supervised "
                + "learning, you might want to consider sklearn.ensemble.HistGradientBoostingClassifier and Regressor which "
                + "accept missing values encoded as NaNs natively. Alternatively, it is possible to preprocess the data, for "
                + "instance by using an imputer transformer in a pipeline or drop samples which have missing values. See "
                + "https://scikit-learn.org/stable/modules/impute.html You can find a list of all estimators that handle NaN "
                + "values at the following page: https://scikit-learn.org/stable/modules/impute.html#estimators-that-handle-nan-values";
    }

    /** numpy's conversion of one column to float64 ({@code astype(np.float64)}). */
    static double[] toDoubles(Column column) {
        return switch (column) {
            case DoubleColumn d -> d.values().clone();
            case LongColumn l -> {
                double[] out = new double[l.size()];
                for (int i = 0; i < out.length; i++) {
                    out[i] = l.values()[i];
                }
                yield out;
            }
            case BooleanColumn b -> {
                double[] out = new double[b.size()];
                for (int i = 0; i < out.length; i++) {
                    out[i] = b.values()[i] ? 1 : 0;
                }
                yield out;
            }
            case ObjectColumn o -> {
                double[] out = new double[o.size()];
                for (int i = 0; i < out.length; i++) {
                    out[i] = toDouble(o.values()[i]);
                }
                yield out;
            }
        };
    }

    /** Python's {@code float(v)} for one object. */
    static double toDouble(Object v) {
        return switch (v) {
            case null -> Double.NaN;
            case Double d -> d;
            case Float f -> f;
            case Long l -> l;
            case Integer i -> i;
            case Boolean b -> b ? 1 : 0;
            case String s -> parsePythonFloat(s);
            default -> throw new IllegalArgumentException("float() argument must be a string or a real number, not '"
                    + v.getClass().getSimpleName() + "'");
        };
    }

    static double parsePythonFloat(String s) {
        String t = s.strip();
        String lower = t.toLowerCase(java.util.Locale.ROOT);
        String unsigned = lower.startsWith("+") || lower.startsWith("-") ? lower.substring(1) : lower;
        boolean negative = lower.startsWith("-");
        if (unsigned.equals("inf") || unsigned.equals("infinity")) {
            return negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        if (unsigned.equals("nan")) {
            return Double.NaN;
        }
        if (!PY_FLOAT.matcher(t).matches()) {
            throw new IllegalArgumentException("could not convert string to float: " + pyRepr(s));
        }
        return Double.parseDouble(t.replace("_", ""));
    }

    /** Python's repr of a str (enough for error messages). */
    static String pyRepr(String s) {
        boolean useDouble = s.indexOf('\'') >= 0 && s.indexOf('"') < 0;
        char q = useDouble ? '"' : '\'';
        StringBuilder sb = new StringBuilder().append(q);
        for (char c : s.toCharArray()) {
            switch (c) {
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                case '\r' -> sb.append("\\r");
                default -> {
                    if (c == q) {
                        sb.append('\\');
                    }
                    sb.append(c);
                }
            }
        }
        return sb.append(q).toString();
    }

    /** Python's repr of a value in a list (for messages such as unknown categories). */
    static String pyReprValue(Object v) {
        return switch (v) {
            case null -> "None";
            case String s -> pyRepr(s);
            case Boolean b -> b ? "True" : "False";
            case Double d -> d.isNaN() ? "nan" : d == Math.rint(d) && !d.isInfinite() ? String.valueOf(d) : String.valueOf(d);
            default -> String.valueOf(v);
        };
    }

    static List<String> reprAll(List<Object> values) {
        List<String> out = new ArrayList<>();
        values.forEach(v -> out.add(pyReprValue(v)));
        return out;
    }

    /**
     * The check of an estimator whose fitted arrays have {@code width} features: its
     * {@code n_features_in_} must agree (a mismatch fails the load), and stands in when missing.
     */
    static InputCheck of(EstimatorState s, int width) {
        int n = s.nFeaturesIn();
        if (n >= 0 && n != width) {
            throw s.invalid("n_features_in_", "is " + n + " but the fitted arrays have " + width + " features");
        }
        return new InputCheck(s.shortName(), width, s.featureNamesIn().orElse(null));
    }
}
