package dev.modelport.flavor.sklearn;

import dev.modelport.data.Tensor;
import dev.modelport.flavor.sklearn.pickle.PyTuple;
import java.util.ArrayList;
import java.util.List;

/**
 * VotingClassifier (hard: the weighted {@code np.bincount} of the members' encoded labels; soft:
 * {@code np.average} of their probabilities) and VotingRegressor ({@code np.average} of their
 * predictions), over fitted members of any supported kind. The ensemble validates nothing itself:
 * each member checks X.
 */
final class Voting implements Estimator {
    private final String name;
    private final List<Estimator> estimators;
    /** Null for uniform weights. */
    private final double[] weights;
    private final boolean soft;
    private final ClassLabels classes;

    private Voting(EstimatorState s, EstimatorCompiler compiler, boolean classifier) {
        this.name = s.shortName();
        this.estimators = EnsembleMembers.compile(s, compiler, "estimators_");
        this.weights = weights(s, estimators.size());
        if (classifier) {
            this.classes = ClassLabels.of(s.array("classes_"));
            String voting = s.string("voting");
            if (!voting.equals("hard") && !voting.equals("soft")) {
                throw s.unsupported("voting " + voting);
            }
            this.soft = voting.equals("soft");
        } else {
            this.classes = null;
            this.soft = false;
        }
    }

    /** {@code _weights_not_none}: the weights of the members that were not dropped. */
    private static double[] weights(EstimatorState s, int fitted) {
        Object raw = s.optional("weights").orElse(null);
        if (raw == null) {
            return null;
        }
        if (!(raw instanceof List<?> given)) {
            throw s.invalid("weights", "is not a list");
        }
        List<?> members = s.list("estimators");
        if (members.size() != given.size()) {
            throw s.invalid("weights", "does not hold one weight per estimator");
        }
        List<Double> kept = new ArrayList<>();
        for (int i = 0; i < members.size(); i++) {
            if (!(members.get(i) instanceof PyTuple t) || t.size() != 2) {
                throw s.invalid("estimators", "holds a non-(name, estimator) pair");
            }
            if ("drop".equals(t.get(1))) {
                continue;
            }
            kept.add(switch (given.get(i)) {
                case Long l -> (double) l;
                case Double d -> d;
                default -> throw s.invalid("weights", "holds a non-number");
            });
        }
        if (kept.size() != fitted) {
            throw s.invalid("weights", "does not match the fitted estimators");
        }
        return kept.stream().mapToDouble(Double::doubleValue).toArray();
    }

    static Voting classifier(EstimatorState s, EstimatorCompiler compiler) {
        return new Voting(s, compiler, true);
    }

    static Voting regressor(EstimatorState s, EstimatorCompiler compiler) {
        return new Voting(s, compiler, false);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Tensor predict(Table x) {
        int n = x.rows();
        int m = estimators.size();
        if (classes == null) {
            double[][] predictions = new double[m][];
            for (int e = 0; e < m; e++) {
                predictions[e] = EnsembleMembers.values(estimators.get(e).predict(x));
            }
            double[] row = new double[m];
            double scale = weights == null ? m : PairwiseSum.of(weights);
            double[] out = new double[n];
            for (int i = 0; i < n; i++) {
                for (int e = 0; e < m; e++) {
                    row[e] = weights == null ? predictions[e][i] : predictions[e][i] * weights[e];
                }
                out[i] = PairwiseSum.of(row) / scale;
            }
            return Activations.vector(out);
        }
        int nc = classes.size();
        if (soft) {
            return classes.take(Activations.argmaxRows(EnsembleMembers.values(predictProba(x)), n, nc));
        }
        double[] counts = new double[n * nc];
        for (int e = 0; e < m; e++) {
            double[] labels = EnsembleMembers.values(estimators.get(e).predict(x));
            for (int i = 0; i < n; i++) {
                int label = (int) labels[i];
                if (label < 0 || label >= nc || label != labels[i]) {
                    throw new IllegalStateException(name + " member predicted a label outside its encoded classes");
                }
                counts[i * nc + label] += weights == null ? 1 : weights[e];
            }
        }
        return classes.take(Activations.argmaxRows(counts, n, nc));
    }

    /** Voting has no predict_log_proba. */
    @Override
    public Tensor predictLogProba(Table x) {
        throw missing("predict_log_proba");
    }

    @Override
    public Tensor predictProba(Table x) {
        if (classes == null) {
            throw missing("predict_proba");
        }
        if (!soft) {
            throw new UnsupportedOperationException("predict_proba is not available when voting='hard'");
        }
        double[] sum = null;
        for (int e = 0; e < estimators.size(); e++) {
            double[] p = EnsembleMembers.values(estimators.get(e).predictProba(x));
            if (sum == null) {
                sum = new double[p.length];
            }
            for (int i = 0; i < p.length; i++) {
                sum[i] += weights == null ? p[i] : p[i] * weights[e];
            }
        }
        double scale = weights == null ? estimators.size() : PairwiseSum.of(weights);
        for (int i = 0; i < sum.length; i++) {
            sum[i] /= scale;
        }
        return Activations.matrix(sum, x.rows(), classes.size());
    }
}
