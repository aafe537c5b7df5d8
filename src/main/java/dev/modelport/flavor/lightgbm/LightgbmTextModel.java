package dev.modelport.flavor.lightgbm;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelport.flavor.tree.MissingType;
import dev.modelport.flavor.tree.TreeEnsemble;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads LightGBM's text model format ({@code Booster.save_model}, {@code model.lgb} of
 * mlflow.lightgbm): a header of {@code key=value} lines, {@code Tree=i} blocks up to
 * {@code end of trees}, then feature importances and parameters, which prediction does not need,
 * and the line {@code pandas_categorical:<json>} that the Python package appends.
 */
final class LightgbmTextModel {
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final String PANDAS_CATEGORICAL = "pandas_categorical:";
    private static final int CATEGORICAL = 1;
    private static final int DEFAULT_LEFT = 2;

    private final List<String> lines;
    private int next;

    private LightgbmTextModel(String text) {
        this.lines = text.lines().toList();
    }

    /**
     * Parses a model file's text.
     *
     * @throws IllegalArgumentException naming what is missing or malformed
     */
    static LightgbmModel read(String text) throws IOException {
        return new LightgbmTextModel(text).model();
    }

    private LightgbmModel model() throws IOException {
        if (lines.isEmpty() || !lines.get(0).strip().equals("tree")) {
            throw new IllegalArgumentException("not a LightGBM text model: the first line is not 'tree'");
        }
        next = 1;
        Map<String, String> header = new HashMap<>();
        while (next < lines.size() && !lines.get(next).startsWith("Tree=") && !lines.get(next).startsWith("end of trees")) {
            String line = lines.get(next++).strip();
            int eq = line.indexOf('=');
            if (!line.isEmpty()) {
                header.put(eq < 0 ? line : line.substring(0, eq), eq < 0 ? "" : line.substring(eq + 1));
            }
        }
        int numClass = intValue(header, "num_class");
        int perIteration = header.containsKey("num_tree_per_iteration") ? intValue(header, "num_tree_per_iteration") : numClass;
        int features = Math.addExact(intValue(header, "max_feature_idx"), 1);
        if (numClass < 1 || perIteration < 1 || features < 1) {
            throw new IllegalArgumentException("num_class " + numClass + ", num_tree_per_iteration " + perIteration
                    + " and max_feature_idx " + (features - 1) + " must be positive");
        }
        int names = tokens(required(header, "feature_names")).length;
        if (names != features) {
            throw new IllegalArgumentException(names + " feature_names for max_feature_idx " + (features - 1));
        }
        Objective objective = objective(header.get("objective"), perIteration);

        TreeEnsemble.Builder trees = TreeEnsemble.builder(true);
        LinearLeaves.Builder linear = new LinearLeaves.Builder();
        boolean[] categorical = new boolean[features];
        int count = 0;
        while (next < lines.size() && lines.get(next).startsWith("Tree=")) {
            if (!lines.get(next).equals("Tree=" + count)) {
                throw new IllegalArgumentException("expected 'Tree=" + count + "', found '" + lines.get(next) + "'");
            }
            next++;
            try {
                tree(block(), trees, linear, categorical);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("tree " + count + ": " + e.getMessage(), e);
            }
            count++;
            skipBlankLines();
        }
        if (next >= lines.size() || !lines.get(next).strip().equals("end of trees")) {
            throw new IllegalArgumentException("the model ends after " + count + " trees without an 'end of trees' line (truncated?)");
        }
        if (header.containsKey("tree_sizes") && tokens(header.get("tree_sizes")).length != count) {
            throw new IllegalArgumentException("tree_sizes lists " + tokens(header.get("tree_sizes")).length + " trees, the model has "
                    + count);
        }
        return new LightgbmModel(objective, features, perIteration, trees.build(), linear.build(), header.containsKey("average_output"),
                categorical, pandasCategorical());
    }

    private static Objective objective(String line, int perIteration) {
        if (line == null) {
            return Objective.raw(perIteration);
        }
        Objective objective = Objective.parse(line).orElseThrow(() -> new IllegalArgumentException(
                "objective '" + line + "' is not supported natively"));
        return objective.line().isEmpty() ? Objective.raw(perIteration) : objective;
    }

    /** The key=value lines of one tree, up to the blank line that ends it. */
    private Map<String, String> block() {
        Map<String, String> values = new HashMap<>();
        while (next < lines.size() && !lines.get(next).isBlank()) {
            String line = lines.get(next++).strip();
            int eq = line.indexOf('=');
            if (eq < 0) {
                throw new IllegalArgumentException("'" + line + "' is not a key=value line");
            }
            values.put(line.substring(0, eq), line.substring(eq + 1));
        }
        return values;
    }

    private void skipBlankLines() {
        while (next < lines.size() && lines.get(next).isBlank()) {
            next++;
        }
    }

    /**
     * One tree: internal nodes 0..L-2 keep their numbers, leaf j (child {@code ~j}) becomes node
     * L-1+j; {@code x <= threshold} goes left, stored as {@code x < nextUp(threshold)}.
     */
    private static void tree(Map<String, String> kv, TreeEnsemble.Builder trees, LinearLeaves.Builder linear, boolean[] categorical) {
        int leaves = intValue(kv, "num_leaves");
        if (leaves < 1) {
            throw new IllegalArgumentException("num_leaves " + leaves + " is not positive");
        }
        double[] leafValue = doubles(kv, "leaf_value", leaves);
        int internal = leaves - 1;
        int[] splitFeature = ints(kv, "split_feature", internal);
        double[] threshold = doubles(kv, "threshold", internal);
        int[] decisionType = ints(kv, "decision_type", internal);
        int[] left = ints(kv, "left_child", internal);
        int[] right = ints(kv, "right_child", internal);
        int numCat = kv.containsKey("num_cat") ? intValue(kv, "num_cat") : 0;
        int[] catBoundaries = numCat > 0 ? ints(kv, "cat_boundaries", numCat + 1) : new int[0];
        long[] catWords = numCat > 0 ? uint32s(kv, "cat_threshold", catBoundaries[numCat]) : new long[0];

        int size = 2 * leaves - 1;
        trees.tree(size);
        for (int j = 0; j < leaves; j++) {
            trees.leaf(internal + j, leafValue[j]);
        }
        for (int i = 0; i < internal; i++) {
            int type = decisionType[i];
            if (type < 0 || type > 15 || type >> 2 == 3) {
                throw new IllegalArgumentException("node " + i + " has an unknown decision_type " + type);
            }
            int leftChild = child(left[i], i, leaves);
            int rightChild = child(right[i], i, leaves);
            if ((type & CATEGORICAL) != 0) {
                // NaN and negative categories go right, as the "not in the set" child
                trees.categoricalSplit(i, splitFeature[i], categorySet(threshold[i], catBoundaries, catWords, i), leftChild, rightChild,
                        false, MissingType.NONE);
                if (splitFeature[i] >= 0 && splitFeature[i] < categorical.length) {
                    categorical[splitFeature[i]] = true;
                }
            } else {
                MissingType missing = switch (type >> 2) {
                    case 0 -> MissingType.NONE;
                    case 1 -> MissingType.ZERO;
                    default -> MissingType.NAN;
                };
                trees.split(i, splitFeature[i], Math.nextUp(threshold[i]), leftChild, rightChild, (type & DEFAULT_LEFT) != 0, missing);
            }
        }
        if (kv.containsKey("is_linear") && intValue(kv, "is_linear") == 1) {
            linearLeaves(kv, leaves, size, internal, linear);
        } else {
            linear.constantTree(size);
        }
    }

    private static void linearLeaves(Map<String, String> kv, int leaves, int size, int firstLeaf, LinearLeaves.Builder linear) {
        double[] constants = doubles(kv, "leaf_const", leaves);
        int[] counts = ints(kv, "num_features", leaves);
        String[] featureTokens = tokens(required(kv, "leaf_features"));
        String[] coeffTokens = tokens(required(kv, "leaf_coeff"));
        int[][] features = new int[leaves][];
        double[][] coeffs = new double[leaves][];
        int at = 0;
        for (int j = 0; j < leaves; j++) {
            if (counts[j] < 0 || (long) at + counts[j] > featureTokens.length || (long) at + counts[j] > coeffTokens.length) {
                throw new IllegalArgumentException("leaf_features and leaf_coeff do not hold the num_features of leaf " + j);
            }
            features[j] = new int[counts[j]];
            coeffs[j] = new double[counts[j]];
            for (int f = 0; f < counts[j]; f++, at++) {
                features[j][f] = Integer.parseInt(featureTokens[at]);
                coeffs[j][f] = parseDouble(coeffTokens[at]);
                if (features[j][f] < 0) {
                    throw new IllegalArgumentException("leaf " + j + " reads feature " + features[j][f]);
                }
            }
        }
        if (at != featureTokens.length || at != coeffTokens.length) {
            throw new IllegalArgumentException("leaf_features and leaf_coeff hold more terms than num_features");
        }
        linear.linearTree(size, firstLeaf, constants, features, coeffs);
    }

    private static int child(int child, int node, int leaves) {
        if (child >= 0 && child < leaves - 1) {
            return child;
        }
        if (child < 0 && ~child < leaves) {
            return leaves - 1 + ~child;
        }
        throw new IllegalArgumentException("node " + node + " has child " + child + " outside a tree of " + leaves + " leaves");
    }

    /** The category set of a categorical node: 32-bit words {@code cat_threshold[cat_boundaries[t]..cat_boundaries[t+1]]}, two per long. */
    private static long[] categorySet(double threshold, int[] boundaries, long[] words, int node) {
        int set = (int) threshold;
        if (set != threshold || set < 0 || set >= boundaries.length - 1) {
            throw new IllegalArgumentException("categorical node " + node + " names category set " + threshold + " of "
                    + (boundaries.length - 1));
        }
        int from = boundaries[set];
        int to = boundaries[set + 1];
        if (from < 0 || to < from || to > words.length) {
            throw new IllegalArgumentException("cat_boundaries " + from + ".." + to + " outside " + words.length + " cat_threshold words");
        }
        long[] bits = new long[(to - from + 1) / 2];
        for (int w = from; w < to; w++) {
            bits[(w - from) / 2] |= words[w] << (32 * ((w - from) % 2));
        }
        return bits;
    }

    /** Python's {@code _load_pandas_categorical}: the last line {@code pandas_categorical:<json>}, if any, names category columns. */
    private boolean pandasCategorical() throws IOException {
        for (int i = lines.size() - 1; i > next; i--) {
            String line = lines.get(i).strip();
            if (line.isEmpty()) {
                continue;
            }
            if (!line.startsWith(PANDAS_CATEGORICAL)) {
                return false;
            }
            JsonNode categories = JSON.readTree(line.substring(PANDAS_CATEGORICAL.length()));
            if (categories == null || !(categories.isNull() || categories.isArray())) {
                throw new IllegalArgumentException("'" + line + "' is neither null nor a list of category lists");
            }
            return categories.size() > 0;
        }
        return false;
    }

    private static String required(Map<String, String> kv, String key) {
        String value = kv.get(key);
        if (value == null) {
            throw new IllegalArgumentException("no " + key + " line");
        }
        return value;
    }

    private static int intValue(Map<String, String> kv, String key) {
        return Integer.parseInt(required(kv, key).strip());
    }

    private static String[] tokens(String value) {
        String stripped = value.strip();
        return stripped.isEmpty() ? new String[0] : stripped.split(" +");
    }

    private static String[] tokens(Map<String, String> kv, String key, int count) {
        if (count == 0 && !kv.containsKey(key)) {
            return new String[0];
        }
        String[] tokens = tokens(required(kv, key));
        if (tokens.length != count) {
            throw new IllegalArgumentException(key + " has " + tokens.length + " values, expected " + count);
        }
        return tokens;
    }

    private static int[] ints(Map<String, String> kv, String key, int count) {
        String[] tokens = tokens(kv, key, count);
        int[] values = new int[count];
        for (int i = 0; i < count; i++) {
            values[i] = Integer.parseInt(tokens[i]);
        }
        return values;
    }

    private static long[] uint32s(Map<String, String> kv, String key, int count) {
        String[] tokens = tokens(kv, key, count);
        long[] values = new long[count];
        for (int i = 0; i < count; i++) {
            values[i] = Integer.toUnsignedLong(Integer.parseUnsignedInt(tokens[i]));
        }
        return values;
    }

    private static double[] doubles(Map<String, String> kv, String key, int count) {
        String[] tokens = tokens(kv, key, count);
        double[] values = new double[count];
        for (int i = 0; i < count; i++) {
            values[i] = parseDouble(tokens[i]);
        }
        return values;
    }

    /** A number as LightGBM prints it ({@code %.17g}: {@code inf}, {@code -inf} and {@code nan} included). */
    private static double parseDouble(String token) {
        return switch (token) {
            case "inf", "+inf" -> Double.POSITIVE_INFINITY;
            case "-inf" -> Double.NEGATIVE_INFINITY;
            case "nan", "-nan" -> Double.NaN;
            default -> {
                char last = token.charAt(token.length() - 1);
                if (!Character.isDigit(last) && last != '.') {
                    throw new NumberFormatException("'" + token + "' is not a number");
                }
                yield Double.parseDouble(token);
            }
        };
    }
}
