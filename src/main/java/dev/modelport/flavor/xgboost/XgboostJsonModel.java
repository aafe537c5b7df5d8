package dev.modelport.flavor.xgboost;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modelport.flavor.tree.MissingType;
import dev.modelport.flavor.tree.TreeEnsemble;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;

/**
 * Reads XGBoost's JSON model schema (the document of {@code model.json}, and of {@code model.ubj}
 * once decoded): 1.x through 3.x. Any violation is an {@link IllegalArgumentException} naming the
 * offending field.
 */
final class XgboostJsonModel {

    private XgboostJsonModel() {
    }

    static XgboostModel read(JsonNode root) {
        JsonNode learner = field(root, "learner");
        JsonNode params = field(learner, "learner_model_param");
        int features = intValue(field(params, "num_feature"), "num_feature");
        int numClass = intValue(params.path("num_class"), "num_class");
        int numTarget = params.has("num_target") ? intValue(params.get("num_target"), "num_target") : 1;
        int groups = Math.max(1, Math.max(numClass, numTarget));
        String objectiveName = field(field(learner, "objective"), "name").asText();
        Objective objective = Objective.of(objectiveName)
                .orElseThrow(() -> new IllegalArgumentException("objective " + objectiveName + " is not supported"));
        float[] baseMargins = baseMargins(field(params, "base_score").asText(), groups, objective);
        List<String> names = new ArrayList<>();
        learner.path("feature_names").forEach(n -> names.add(n.asText()));
        OptionalInt best = OptionalInt.empty();
        JsonNode bestIteration = learner.path("attributes").path("best_iteration");
        if (!bestIteration.isMissingNode()) {
            best = OptionalInt.of(intValue(bestIteration, "best_iteration"));
        }
        XgboostBooster booster = booster(field(learner, "gradient_booster"), features, groups);
        return new XgboostModel(objectiveName, objective, features, groups, baseMargins, names, booster, best);
    }

    /** base_score is a number ("5E-1") or, from XGBoost 3, a vector ("[5E-1,2E-1]"). */
    static float[] baseMargins(String text, int groups, Objective objective) {
        String trimmed = text.trim();
        if (trimmed.startsWith("[") && trimmed.endsWith("]")) {
            trimmed = trimmed.substring(1, trimmed.length() - 1);
        }
        String[] parts = trimmed.split(",");
        float[] margins = new float[groups];
        for (int g = 0; g < groups; g++) {
            String part = parts.length == 1 ? parts[0] : g < parts.length ? parts[g] : null;
            if (part == null) {
                throw new IllegalArgumentException("base_score " + text + " has fewer than " + groups + " values");
            }
            margins[g] = objective.baseMargin(Float.parseFloat(part.trim()));
        }
        return margins;
    }

    private static XgboostBooster booster(JsonNode booster, int features, int groups) {
        String name = field(booster, "name").asText();
        return switch (name) {
            case "gbtree" -> trees(field(booster, "model"), null, features, groups);
            case "dart" -> {
                JsonNode gbtree = field(booster, "gbtree");
                yield trees(field(gbtree, "model"), floats(field(booster, "weight_drop"), "weight_drop"), features, groups);
            }
            case "gblinear" -> {
                float[] weights = floats(field(field(booster, "model"), "weights"), "weights");
                yield new XgboostBooster.Linear(weights, features, groups);
            }
            default -> throw new IllegalArgumentException("booster " + name + " is not supported");
        };
    }

    private static XgboostBooster.Trees trees(JsonNode model, float[] dartWeights, int features, int groups) {
        JsonNode trees = field(model, "trees");
        int count = trees.size();
        int[] treeInfo = ints(field(model, "tree_info"), "tree_info");
        if (treeInfo.length != count) {
            throw new IllegalArgumentException("tree_info has " + treeInfo.length + " entries for " + count + " trees");
        }
        for (int group : treeInfo) {
            if (group < 0 || group >= groups) {
                throw new IllegalArgumentException("tree_info names group " + group + " of " + groups);
            }
        }
        float[] weights = dartWeights != null ? dartWeights : filled(count);
        if (weights.length != count) {
            throw new IllegalArgumentException("weight_drop has " + weights.length + " weights for " + count + " trees");
        }
        TreeEnsemble.Builder builder = TreeEnsemble.builder(false);
        for (int t = 0; t < count; t++) {
            tree(builder, trees.get(t), features, t);
        }
        int[] iterationStart = iterationStart(model, count, groups);
        return new XgboostBooster.Trees(builder.build(), treeInfo, weights, iterationStart);
    }

    private static int[] iterationStart(JsonNode model, int count, int groups) {
        JsonNode indptr = model.get("iteration_indptr");
        if (indptr != null && indptr.size() > 0) {
            int[] start = ints(indptr, "iteration_indptr");
            for (int i = 1; i < start.length; i++) {
                if (start[i] < start[i - 1]) {
                    throw new IllegalArgumentException("iteration_indptr is not increasing");
                }
            }
            return start;
        }
        int parallel = model.path("gbtree_model_param").has("num_parallel_tree")
                ? intValue(model.path("gbtree_model_param").get("num_parallel_tree"), "num_parallel_tree") : 1;
        int layer = Math.max(1, parallel) * groups;
        int iterations = (count + layer - 1) / layer;
        int[] start = new int[iterations + 1];
        for (int i = 0; i <= iterations; i++) {
            start[i] = Math.min(count, i * layer);
        }
        return start;
    }

    private static void tree(TreeEnsemble.Builder builder, JsonNode tree, int features, int index) {
        int[] left = ints(field(tree, "left_children"), "left_children");
        int[] right = ints(field(tree, "right_children"), "right_children");
        int[] split = ints(field(tree, "split_indices"), "split_indices");
        float[] conditions = floats(field(tree, "split_conditions"), "split_conditions");
        int[] defaultLeft = ints(field(tree, "default_left"), "default_left");
        int nodes = left.length;
        int[] splitType = tree.has("split_type") ? ints(tree.get("split_type"), "split_type") : new int[nodes];
        if (nodes == 0 || right.length != nodes || split.length != nodes || conditions.length != nodes
                || defaultLeft.length != nodes || splitType.length != nodes) {
            throw new IllegalArgumentException("tree " + index + " has node arrays of different lengths");
        }
        int leafVector = tree.path("tree_param").has("size_leaf_vector")
                ? intValue(tree.path("tree_param").get("size_leaf_vector"), "size_leaf_vector") : 0;
        if (leafVector > 1) {
            throw new IllegalArgumentException("tree " + index + " has vector leaves (multi-target trees), which are not supported");
        }
        Categories categories = Categories.of(tree, index);
        builder.tree(nodes);
        for (int n = 0; n < nodes; n++) {
            if (left[n] == -1) {
                builder.leaf(n, conditions[n]);
                continue;
            }
            if (split[n] < 0 || split[n] >= Math.max(features, 1)) {
                throw new IllegalArgumentException("tree " + index + " splits on feature " + split[n] + " of " + features);
            }
            if (splitType[n] == 1) {
                builder.categoricalSplit(n, split[n], categories.bits(n), left[n], right[n], defaultLeft[n] != 0, MissingType.NAN);
            } else {
                builder.split(n, split[n], conditions[n], left[n], right[n], defaultLeft[n] != 0, MissingType.NAN);
            }
        }
    }

    /** The category sets of a tree's categorical splits: node → segment of {@code categories}. */
    private record Categories(int[] nodes, int[] segments, int[] sizes, int[] categories, int tree) {
        static Categories of(JsonNode tree, int index) {
            int[] nodes = tree.has("categories_nodes") ? ints(tree.get("categories_nodes"), "categories_nodes") : new int[0];
            int[] segments = tree.has("categories_segments") ? ints(tree.get("categories_segments"), "categories_segments") : new int[0];
            int[] sizes = tree.has("categories_sizes") ? ints(tree.get("categories_sizes"), "categories_sizes") : new int[0];
            int[] categories = tree.has("categories") ? ints(tree.get("categories"), "categories") : new int[0];
            if (segments.length != nodes.length || sizes.length != nodes.length) {
                throw new IllegalArgumentException("tree " + index + " has categories arrays of different lengths");
            }
            return new Categories(nodes, segments, sizes, categories, index);
        }

        long[] bits(int node) {
            for (int i = 0; i < nodes.length; i++) {
                if (nodes[i] == node) {
                    int start = segments[i];
                    int size = sizes[i];
                    if (start < 0 || size < 0 || (long) start + size > categories.length) {
                        throw new IllegalArgumentException("tree " + tree + " node " + node + " has a category segment outside categories");
                    }
                    int max = -1;
                    for (int k = start; k < start + size; k++) {
                        if (categories[k] < 0 || categories[k] >= 1 << 24) {
                            throw new IllegalArgumentException("tree " + tree + " node " + node + " has category " + categories[k]);
                        }
                        max = Math.max(max, categories[k]);
                    }
                    long[] bits = new long[(max >>> 6) + 1];
                    for (int k = start; k < start + size; k++) {
                        bits[categories[k] >>> 6] |= 1L << categories[k];
                    }
                    return bits;
                }
            }
            throw new IllegalArgumentException("tree " + tree + " node " + node + " is a categorical split without categories");
        }
    }

    private static float[] filled(int count) {
        float[] ones = new float[count];
        Arrays.fill(ones, 1.0f);
        return ones;
    }

    static JsonNode field(JsonNode node, String name) {
        JsonNode value = node == null ? null : node.get(name);
        if (value == null || value.isNull()) {
            throw new IllegalArgumentException("missing field '" + name + "'");
        }
        return value;
    }

    /** An integer written as a number or, as XGBoost writes its parameters, a string. */
    static int intValue(JsonNode node, String name) {
        if (node.isMissingNode()) {
            return 0;
        }
        if (node.isIntegralNumber() && node.canConvertToInt()) {
            return node.intValue();
        }
        if (node.isTextual()) {
            try {
                return Integer.parseInt(node.asText().trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + name + "' is not an integer: " + node.asText());
            }
        }
        throw new IllegalArgumentException("'" + name + "' is not an integer: " + node);
    }

    static int[] ints(JsonNode array, String name) {
        if (!array.isArray()) {
            throw new IllegalArgumentException("'" + name + "' is not an array");
        }
        int[] values = new int[array.size()];
        for (int i = 0; i < values.length; i++) {
            JsonNode v = array.get(i);
            if (v.isBoolean()) {
                values[i] = v.booleanValue() ? 1 : 0;
            } else if (v.isIntegralNumber() && v.canConvertToInt()) {
                values[i] = v.intValue();
            } else {
                throw new IllegalArgumentException("'" + name + "' holds a non-integer " + v);
            }
        }
        return values;
    }

    static float[] floats(JsonNode array, String name) {
        if (!array.isArray()) {
            throw new IllegalArgumentException("'" + name + "' is not an array");
        }
        float[] values = new float[array.size()];
        for (int i = 0; i < values.length; i++) {
            JsonNode v = array.get(i);
            if (!v.isNumber()) {
                throw new IllegalArgumentException("'" + name + "' holds a non-number " + v);
            }
            values[i] = v.floatValue();
        }
        return values;
    }
}
