package dev.modelport.flavor.xgboost;

import dev.modelport.flavor.tree.MissingType;
import dev.modelport.flavor.tree.TreeEnsemble;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;

/**
 * Reads XGBoost's legacy binary model format (what {@code Booster.save_model} writes for any
 * file name not ending in .json/.ubj, MLflow's {@code model_format="xgb"}): little-endian C++
 * structs, optionally behind a {@code binf} header. Every count is checked against the bytes
 * left, so a corrupt file fails fast with an {@link IllegalArgumentException}.
 */
final class XgboostBinaryModel {
    private static final int LEARNER_PARAM_BYTES = 136;
    private static final int GBTREE_PARAM_BYTES = 160;
    private static final int TREE_PARAM_BYTES = 148;
    private static final int GBLINEAR_PARAM_BYTES = 136;
    private static final int NODE_BYTES = 20;
    private static final int NODE_STAT_BYTES = 16;

    private final ByteBuffer in;

    private XgboostBinaryModel(byte[] bytes) {
        this.in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    }

    static XgboostModel read(byte[] bytes) {
        try {
            return new XgboostBinaryModel(bytes).read();
        } catch (BufferUnderflowException e) {
            throw new IllegalArgumentException("binary model is truncated");
        }
    }

    private XgboostModel read() {
        if (in.remaining() >= 4 && in.get(0) == 'b' && in.get(1) == 'i' && in.get(2) == 'n' && in.get(3) == 'f') {
            in.position(4);
        }
        ByteBuffer param = slice(LEARNER_PARAM_BYTES);
        float baseScore = param.getFloat(0);
        int features = param.getInt(4);
        int numClass = param.getInt(8);
        boolean extraAttributes = param.getInt(12) != 0;
        if (features < 0 || numClass < 0 || numClass > 1 << 20) {
            throw new IllegalArgumentException("binary model has " + features + " features and " + numClass + " classes");
        }
        int groups = Math.max(1, numClass);
        String objectiveName = string();
        Objective objective = Objective.of(objectiveName)
                .orElseThrow(() -> new IllegalArgumentException("objective " + objectiveName + " is not supported"));
        String boosterName = string();
        XgboostBooster booster = switch (boosterName) {
            case "gbtree" -> trees(features, groups, false);
            case "dart" -> trees(features, groups, true);
            case "gblinear" -> linear(features, groups);
            default -> throw new IllegalArgumentException("booster " + boosterName + " is not supported");
        };
        OptionalInt best = OptionalInt.empty();
        if (extraAttributes) {
            long count = in.getLong();
            checkCount(count, 16);
            for (long i = 0; i < count; i++) {
                String key = string();
                String value = string();
                if (key.equals("best_iteration")) {
                    try {
                        best = OptionalInt.of(Integer.parseInt(value.trim()));
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("attribute best_iteration is not an integer: " + value);
                    }
                }
            }
        }
        float[] margins = new float[groups];
        Arrays.fill(margins, objective.baseMargin(baseScore));
        return new XgboostModel(objectiveName, objective, features, groups, margins, List.of(), booster, best);
    }

    private XgboostBooster.Trees trees(int features, int groups, boolean dart) {
        ByteBuffer param = slice(GBTREE_PARAM_BYTES);
        int count = param.getInt(0);
        int parallel = Math.max(1, param.getInt(4));
        checkCount(count, TREE_PARAM_BYTES);
        TreeEnsemble.Builder builder = TreeEnsemble.builder(false);
        for (int t = 0; t < count; t++) {
            tree(builder, features, t);
        }
        int[] treeInfo = new int[count];
        checkCount(count, 4);
        for (int t = 0; t < count; t++) {
            treeInfo[t] = in.getInt();
            if (treeInfo[t] < 0 || treeInfo[t] >= groups) {
                throw new IllegalArgumentException("tree " + t + " belongs to group " + treeInfo[t] + " of " + groups);
            }
        }
        float[] weights = new float[count];
        Arrays.fill(weights, 1.0f);
        if (dart && count != 0) {
            weights = floatVector();
            if (weights.length != count) {
                throw new IllegalArgumentException("dart has " + weights.length + " weights for " + count + " trees");
            }
        }
        int layer = parallel * groups;
        int iterations = (count + layer - 1) / layer;
        int[] start = new int[iterations + 1];
        for (int i = 0; i <= iterations; i++) {
            start[i] = Math.min(count, i * layer);
        }
        return new XgboostBooster.Trees(builder.build(), treeInfo, weights, start);
    }

    private void tree(TreeEnsemble.Builder builder, int features, int index) {
        ByteBuffer param = slice(TREE_PARAM_BYTES);
        int nodes = param.getInt(4);
        int leafVector = param.getInt(20);
        if (nodes <= 0) {
            throw new IllegalArgumentException("tree " + index + " has " + nodes + " nodes");
        }
        checkCount(nodes, NODE_BYTES + NODE_STAT_BYTES);
        builder.tree(nodes);
        for (int n = 0; n < nodes; n++) {
            in.getInt(); // parent
            int left = in.getInt();
            int right = in.getInt();
            int splitIndex = in.getInt();
            float value = in.getFloat();
            if (left == -1) {
                builder.leaf(n, value);
                continue;
            }
            int feature = splitIndex & 0x7fffffff;
            if (feature >= Math.max(features, 1)) {
                throw new IllegalArgumentException("tree " + index + " splits on feature " + feature + " of " + features);
            }
            builder.split(n, feature, value, left, right, splitIndex < 0, MissingType.NAN);
        }
        in.position(in.position() + nodes * NODE_STAT_BYTES);
        if (leafVector != 0) {
            if (floatVector().length > 0) {
                throw new IllegalArgumentException("tree " + index + " has vector leaves, which are not supported");
            }
        }
    }

    private XgboostBooster.Linear linear(int features, int groups) {
        slice(GBLINEAR_PARAM_BYTES);
        return new XgboostBooster.Linear(floatVector(), features, groups);
    }

    private float[] floatVector() {
        long count = in.getLong();
        checkCount(count, 4);
        float[] values = new float[(int) count];
        for (int i = 0; i < values.length; i++) {
            values[i] = in.getFloat();
        }
        return values;
    }

    private String string() {
        long length = in.getLong();
        checkCount(length, 1);
        byte[] bytes = new byte[(int) length];
        in.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private ByteBuffer slice(int bytes) {
        checkCount(bytes, 1);
        ByteBuffer slice = in.slice(in.position(), bytes).order(ByteOrder.LITTLE_ENDIAN);
        in.position(in.position() + bytes);
        return slice;
    }

    private void checkCount(long count, int bytesEach) {
        if (count < 0 || count > in.remaining() / bytesEach) {
            throw new IllegalArgumentException("binary model is truncated or corrupt: " + count + " items of " + bytesEach
                    + " bytes at offset " + in.position() + " with " + in.remaining() + " bytes left");
        }
    }
}
