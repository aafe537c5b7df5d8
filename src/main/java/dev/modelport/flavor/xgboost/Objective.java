package dev.modelport.flavor.xgboost;

import java.util.Optional;

/**
 * An XGBoost objective as prediction sees it: how {@code base_score} becomes the initial margin
 * ({@code ProbToMargin}) and how summed margins become predictions ({@code PredTransform}), both in
 * float32 as XGBoost computes them.
 */
enum Objective {
    IDENTITY(Margin.IDENTITY),
    LOGISTIC(Margin.LOGIT),
    LOGIT_RAW(Margin.IDENTITY),
    EXP(Margin.LOG),
    HINGE(Margin.IDENTITY),
    SOFTMAX(Margin.IDENTITY),
    SOFTPROB(Margin.IDENTITY);

    private enum Margin { IDENTITY, LOGIT, LOG }

    private final Margin margin;

    Objective(Margin margin) {
        this.margin = margin;
    }

    /** The objective of an XGBoost objective name, empty when prediction does not support it. */
    static Optional<Objective> of(String name) {
        return Optional.ofNullable(switch (name) {
            case "reg:squarederror", "reg:linear", "reg:squaredlogerror", "reg:pseudohubererror",
                 "reg:absoluteerror", "reg:quantileerror" -> IDENTITY;
            case "reg:logistic", "binary:logistic" -> LOGISTIC;
            case "binary:logitraw" -> LOGIT_RAW;
            case "reg:tweedie", "reg:gamma", "count:poisson" -> EXP;
            case "binary:hinge" -> HINGE;
            case "multi:softmax" -> SOFTMAX;
            case "multi:softprob" -> SOFTPROB;
            default -> name.startsWith("rank:") ? IDENTITY : null;
        });
    }

    /** True when predictions have one column per class (multi:softprob). */
    boolean perClassOutput() {
        return this == SOFTPROB;
    }

    /** {@code base_score} (in output space, as XGBoost stores it) as a margin. */
    float baseMargin(float baseScore) {
        return switch (margin) {
            case IDENTITY -> baseScore;
            case LOGIT -> (float) -Math.log(1.0f / baseScore - 1.0f);
            case LOG -> (float) Math.log(baseScore);
        };
    }

    /** Transforms one row's margins ({@code groups} values at {@code margins[offset..]}) into {@code out[outOffset..]}. */
    void transform(float[] margins, int offset, int groups, float[] out, int outOffset) {
        switch (this) {
            case IDENTITY, LOGIT_RAW -> System.arraycopy(margins, offset, out, outOffset, groups);
            case LOGISTIC -> {
                for (int g = 0; g < groups; g++) {
                    out[outOffset + g] = sigmoid(margins[offset + g]);
                }
            }
            case EXP -> {
                for (int g = 0; g < groups; g++) {
                    out[outOffset + g] = (float) Math.exp(margins[offset + g]);
                }
            }
            case HINGE -> {
                for (int g = 0; g < groups; g++) {
                    out[outOffset + g] = margins[offset + g] > 0 ? 1.0f : 0.0f;
                }
            }
            case SOFTMAX -> out[outOffset] = argmax(margins, offset, groups);
            case SOFTPROB -> softmax(margins, offset, groups, out, outOffset);
        }
    }

    private static float sigmoid(float x) {
        float e = (float) Math.exp(-x);
        return 1.0f / (1.0f + e);
    }

    private static float argmax(float[] margins, int offset, int groups) {
        int best = 0;
        for (int g = 1; g < groups; g++) {
            if (margins[offset + g] > margins[offset + best]) {
                best = g;
            }
        }
        return best;
    }

    private static void softmax(float[] margins, int offset, int groups, float[] out, int outOffset) {
        float max = margins[offset];
        for (int g = 1; g < groups; g++) {
            max = Math.max(max, margins[offset + g]);
        }
        float sum = 0;
        for (int g = 0; g < groups; g++) {
            float e = (float) Math.exp(margins[offset + g] - max);
            out[outOffset + g] = e;
            sum += e;
        }
        for (int g = 0; g < groups; g++) {
            out[outOffset + g] /= sum;
        }
    }
}
