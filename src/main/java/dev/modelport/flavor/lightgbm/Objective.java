package dev.modelport.flavor.lightgbm;

import java.util.Objects;
import java.util.Optional;

/**
 * A LightGBM objective as prediction sees it: how an {@code objective=} line of the model file
 * turns the summed raw scores of one row into predictions ({@code ObjectiveFunction::ConvertOutput}),
 * in double as LightGBM computes them. {@code classes} is the number of scores per row.
 */
record Objective(String line, Transform transform, double sigmoid, int classes) {
    enum Transform {
        IDENTITY,
        /** {@code reg_sqrt}: the model learnt sqrt(label), so the score is squared back with its sign. */
        SIGNED_SQUARE,
        /** 1 / (1 + exp(-sigmoid * score)), per score (binary, multiclassova, cross_entropy). */
        SIGMOID,
        SOFTMAX,
        EXP,
        /** cross_entropy_lambda: log(1 + exp(score)). */
        LOG1P_EXP
    }

    Objective {
        Objects.requireNonNull(line, "line");
        Objects.requireNonNull(transform, "transform");
    }

    /** The raw scores of a model with no objective line or a custom one: no conversion, {@code classes} per row. */
    static Objective raw(int classes) {
        return new Objective("", Transform.IDENTITY, 1, classes);
    }

    /**
     * Parses an {@code objective=} line ({@code binary sigmoid:1}, {@code multiclass num_class:3},
     * {@code regression sqrt}); empty when the objective is unknown to this evaluator. A custom
     * objective ({@code custom}, {@code none}) parses as {@link #raw} of one class, its line empty.
     *
     * @throws IllegalArgumentException when a parameter of a known objective is malformed
     */
    static Optional<Objective> parse(String line) {
        String[] tokens = line.trim().split(" +");
        boolean sqrt = false;
        double sigmoid = -1;
        int numClass = -1;
        for (int i = 1; i < tokens.length; i++) {
            String token = tokens[i];
            if (token.equals("sqrt")) {
                sqrt = true;
            } else if (token.startsWith("sigmoid:")) {
                sigmoid = Double.parseDouble(token.substring("sigmoid:".length()));
            } else if (token.startsWith("num_class:")) {
                numClass = Integer.parseInt(token.substring("num_class:".length()));
            }
        }
        Transform regression = sqrt ? Transform.SIGNED_SQUARE : Transform.IDENTITY;
        return Optional.ofNullable(switch (tokens[0]) {
            case "regression", "regression_l1", "huber", "fair", "quantile", "mape" -> new Objective(line, regression, 1, 1);
            case "lambdarank", "rank_xendcg" -> new Objective(line, Transform.IDENTITY, 1, 1);
            case "custom", "none", "null", "na" -> raw(1);
            case "poisson", "gamma", "tweedie" -> new Objective(line, Transform.EXP, 1, 1);
            case "cross_entropy" -> new Objective(line, Transform.SIGMOID, 1, 1);
            case "cross_entropy_lambda" -> new Objective(line, Transform.LOG1P_EXP, 1, 1);
            case "binary" -> new Objective(line, Transform.SIGMOID, positiveSigmoid(sigmoid, line), 1);
            case "multiclass" -> new Objective(line, Transform.SOFTMAX, 1, classCount(numClass, line));
            case "multiclassova" -> new Objective(line, Transform.SIGMOID, positiveSigmoid(sigmoid, line), classCount(numClass, line));
            default -> null;
        });
    }

    private static double positiveSigmoid(double sigmoid, String line) {
        if (!(sigmoid > 0)) {
            throw new IllegalArgumentException("objective '" + line + "' needs a sigmoid parameter greater than zero");
        }
        return sigmoid;
    }

    private static int classCount(int numClass, String line) {
        if (numClass < 2) {
            throw new IllegalArgumentException("objective '" + line + "' needs num_class of at least 2");
        }
        return numClass;
    }

    /** Converts the {@code classes} scores at {@code scores[offset..]} in place. */
    void convert(double[] scores, int offset) {
        switch (transform) {
            case IDENTITY -> {
            }
            case SIGNED_SQUARE -> {
                double x = scores[offset];
                double sign = x > 0 ? 1 : x < 0 ? -1 : 0;
                scores[offset] = sign * x * x;
            }
            case SIGMOID -> {
                for (int k = 0; k < classes; k++) {
                    scores[offset + k] = 1.0 / (1.0 + Math.exp(-sigmoid * scores[offset + k]));
                }
            }
            case SOFTMAX -> softmax(scores, offset);
            case EXP -> scores[offset] = Math.exp(scores[offset]);
            case LOG1P_EXP -> scores[offset] = Math.log1p(Math.exp(scores[offset]));
        }
    }

    private void softmax(double[] scores, int offset) {
        double max = scores[offset];
        for (int k = 1; k < classes; k++) {
            max = Math.max(max, scores[offset + k]);
        }
        double sum = 0;
        for (int k = 0; k < classes; k++) {
            double e = Math.exp(scores[offset + k] - max);
            scores[offset + k] = e;
            sum += e;
        }
        for (int k = 0; k < classes; k++) {
            scores[offset + k] /= sum;
        }
    }
}
