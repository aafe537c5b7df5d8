package dev.modelport.flavor.sklearn;

import dev.modelport.flavor.sklearn.pickle.NdArray;

/**
 * PCA ({@code (X - mean_) @ components_.T}, divided by {@code sqrt(explained_variance_)} when
 * whitened) and TruncatedSVD ({@code X @ components_.T}).
 */
final class LinearProjection implements Transformer {
    private final String name;
    private final InputCheck check;
    private final double[] mean;
    /** Row-major (nComponents, nFeatures). */
    private final double[] components;
    private final int nComponents;
    private final int nFeatures;
    private final double[] whitening;

    private LinearProjection(EstimatorState s, boolean centred) {
        this.name = s.shortName();
        NdArray c = s.array("components_");
        if (c.ndim() != 2) {
            throw s.invalid("components_", "is not 2-D");
        }
        this.nComponents = c.dim(0);
        this.nFeatures = c.dim(1);
        this.components = c.doubles();
        this.check = InputCheck.of(s, nFeatures);
        this.mean = centred ? s.optionalArray("mean_").map(NdArray::doubles).orElse(null) : null;
        if (centred && s.bool("whiten", false)) {
            double[] variance = s.array("explained_variance_").doubles();
            this.whitening = new double[variance.length];
            for (int i = 0; i < variance.length; i++) {
                whitening[i] = Math.sqrt(variance[i]);
            }
        } else {
            this.whitening = null;
        }
        if (mean != null && mean.length != nFeatures || whitening != null && whitening.length != nComponents) {
            throw s.invalid("components_", "does not match mean_ or explained_variance_");
        }
    }

    static LinearProjection pca(EstimatorState s) {
        return new LinearProjection(s, true);
    }

    static LinearProjection truncatedSvd(EstimatorState s) {
        return new LinearProjection(s, false);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Table transform(Table x) {
        double[][] cols = check.doubles(x, false, false);
        int n = x.rows();
        if (mean != null) {
            for (int j = 0; j < nFeatures; j++) {
                for (int i = 0; i < n; i++) {
                    cols[j][i] -= mean[j];
                }
            }
        }
        double[][] out = new double[nComponents][n];
        for (int c = 0; c < nComponents; c++) {
            int o = c * nFeatures;
            for (int i = 0; i < n; i++) {
                double sum = 0;
                for (int j = 0; j < nFeatures; j++) {
                    sum += cols[j][i] * components[o + j];
                }
                out[c][i] = whitening == null ? sum : sum / whitening[c];
            }
        }
        return Table.ofDoubles(out, n);
    }
}
