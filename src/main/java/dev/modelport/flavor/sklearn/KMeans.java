package dev.modelport.flavor.sklearn;

import dev.modelport.data.Dtype;
import dev.modelport.data.LongColumn;
import dev.modelport.data.Tensor;
import dev.modelport.flavor.sklearn.pickle.NdArray;

/**
 * KMeans.predict: the nearest cluster centre, compared as scikit-learn's Lloyd chunks do on
 * {@code ||c||^2 - 2 x.c} (the row's own norm left out), first centre on ties; int32 labels.
 */
final class KMeans implements Estimator {
    private final InputCheck check;
    /** Row-major (k, nFeatures). */
    private final double[] centers;
    private final double[] centerNorms;
    private final int k;
    private final int nFeatures;

    KMeans(EstimatorState s) {
        NdArray c = s.array("cluster_centers_");
        if (c.ndim() != 2) {
            throw s.invalid("cluster_centers_", "is not 2-D");
        }
        this.k = c.dim(0);
        this.nFeatures = c.dim(1);
        this.centers = c.doubles();
        this.check = InputCheck.of(s, nFeatures);
        this.centerNorms = new double[k];
        for (int j = 0; j < k; j++) {
            double sum = 0;
            for (int f = 0; f < nFeatures; f++) {
                sum += centers[j * nFeatures + f] * centers[j * nFeatures + f];
            }
            centerNorms[j] = sum;
        }
    }

    @Override
    public String name() {
        return "KMeans";
    }

    @Override
    public Tensor predict(Table x) {
        double[][] cols = check.doubles(x, false, false);
        int n = x.rows();
        long[] labels = new long[n];
        for (int i = 0; i < n; i++) {
            double best = Double.POSITIVE_INFINITY;
            for (int j = 0; j < k; j++) {
                double dot = 0;
                for (int f = 0; f < nFeatures; f++) {
                    dot += cols[f][i] * centers[j * nFeatures + f];
                }
                double distance = centerNorms[j] + -2.0 * dot;
                if (j == 0 || distance < best) {
                    best = distance;
                    labels[i] = j;
                }
            }
        }
        return Tensor.vector(new LongColumn(labels, Dtype.INT32));
    }
}
