package dev.modelport.flavor.sklearn;

import dev.modelport.flavor.sklearn.pickle.NdArray;
import java.util.Arrays;

/**
 * KBinsDiscretizer: each value's bin ({@code np.searchsorted(bin_edges_[j][1:-1], x, side='right')})
 * as a float, or one-hot encoded by the fitted {@code _encoder} ('onehot', 'onehot-dense').
 */
final class KBinsDiscretizer implements Transformer {
    private final InputCheck check;
    /** Per feature, the inner bin edges (the first and last are dropped, as scikit-learn). */
    private final double[][] innerEdges;
    private final OneHotEncoder encoder;

    KBinsDiscretizer(EstimatorState s) {
        String encode = s.string("encode", "onehot");
        if (s.optional("dtype").isPresent()) {
            throw s.unsupported("an explicit dtype");
        }
        Object[] edges = s.array("bin_edges_").elements();
        this.check = InputCheck.of(s, edges.length);
        this.innerEdges = new double[edges.length][];
        for (int j = 0; j < edges.length; j++) {
            if (!(edges[j] instanceof NdArray e) || e.ndim() != 1 || e.size() < 2) {
                throw s.invalid("bin_edges_", "holds no edges for feature " + j);
            }
            double[] all = e.doubles();
            innerEdges[j] = Arrays.copyOfRange(all, 1, all.length - 1);
        }
        this.encoder = switch (encode) {
            case "ordinal" -> null;
            case "onehot", "onehot-dense" -> new OneHotEncoder(new EstimatorState(s.pyObject("_encoder")));
            default -> throw s.unsupported("encode='" + encode + "'");
        };
    }

    @Override
    public String name() {
        return "KBinsDiscretizer";
    }

    @Override
    public Table transform(Table x) {
        double[][] cols = check.doubles(x, false, false);
        for (int j = 0; j < cols.length; j++) {
            double[] edges = innerEdges[j];
            double[] c = cols[j];
            for (int i = 0; i < c.length; i++) {
                int bin = 0;
                while (bin < edges.length && edges[bin] <= c[i]) {
                    bin++;
                }
                c[i] = bin;
            }
        }
        Table bins = Table.ofDoubles(cols, x.rows());
        return encoder == null ? bins : encoder.transform(bins);
    }
}
