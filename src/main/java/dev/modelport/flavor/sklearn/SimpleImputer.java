package dev.modelport.flavor.sklearn;

import dev.modelport.data.Column;
import dev.modelport.data.DoubleColumn;
import dev.modelport.data.Dtype;
import dev.modelport.data.ObjectColumn;
import dev.modelport.flavor.sklearn.pickle.NdArray;
import java.util.ArrayList;
import java.util.List;

/**
 * SimpleImputer with {@code missing_values} NaN (or None for object data): each missing value
 * becomes its column's {@code statistics_}; columns whose statistic is NaN are dropped unless
 * {@code keep_empty_features}.
 */
final class SimpleImputer implements Transformer {
    private final InputCheck check;
    private final String strategy;
    private final boolean objectData;
    private final boolean missingIsNone;
    private final double[] numericStats;
    private final Object[] objectStats;
    private final boolean keepEmpty;

    SimpleImputer(EstimatorState s) {
        this.check = InputCheck.of(s);
        this.strategy = s.string("strategy", "mean");
        if (s.optional("indicator_").isPresent()) {
            throw s.unsupported("add_indicator=True");
        }
        Object missing = s.optional("missing_values").orElse(null);
        if (missing != null && !(missing instanceof Double d && d.isNaN())) {
            throw s.unsupported("missing_values=" + missing);
        }
        this.missingIsNone = missing == null;
        NdArray stats = s.array("statistics_");
        this.objectData = stats.dtype().kind() == 'O' || stats.dtype().kind() == 'U';
        this.numericStats = objectData ? null : stats.doubles();
        this.objectStats = objectData ? stats.elements() : null;
        this.keepEmpty = s.bool("keep_empty_features", false);
        if (missingIsNone && !objectData) {
            throw s.unsupported("missing_values=None on numeric data");
        }
    }

    @Override
    public String name() {
        return "SimpleImputer";
    }

    @Override
    public Table transform(Table x) {
        return objectData ? transformObjects(x) : transformNumbers(x);
    }

    private Table transformNumbers(Table x) {
        double[][] cols;
        try {
            cols = check.doubles(x, false, true);
        } catch (IllegalArgumentException e) {
            if (e.getMessage().startsWith("could not convert")) {
                throw new IllegalArgumentException("Cannot use " + strategy + " strategy with non-numeric data:\n" + e.getMessage());
            }
            throw e;
        }
        List<double[]> kept = new ArrayList<>();
        for (int j = 0; j < cols.length; j++) {
            double stat = numericStats[j];
            if (Double.isNaN(stat) && !keepEmpty) {
                continue;
            }
            double fill = Double.isNaN(stat) ? 0 : stat;
            double[] c = cols[j];
            for (int i = 0; i < c.length; i++) {
                if (Double.isNaN(c[i])) {
                    c[i] = fill;
                }
            }
            kept.add(c);
        }
        return Table.ofDoubles(kept.toArray(double[][]::new), x.rows());
    }

    private Table transformObjects(Table x) {
        check.checkNames(x);
        check.checkFeatureCount(x.width());
        check.checkSamples(x);
        List<Column> out = new ArrayList<>();
        for (int j = 0; j < x.width(); j++) {
            Object stat = objectStats[j];
            boolean empty = stat instanceof Double d && d.isNaN();
            if (empty && !keepEmpty) {
                continue;
            }
            Column c = x.columns().get(j);
            Object[] values = new Object[x.rows()];
            for (int i = 0; i < values.length; i++) {
                Object v = c instanceof DoubleColumn d ? (Object) d.values()[i] : c.get(i);
                boolean missing = missingIsNone ? v == null : v instanceof Double d && d.isNaN();
                values[i] = missing ? stat : v;
            }
            out.add(new ObjectColumn(values, Dtype.OBJECT));
        }
        return Table.ofArray(out, x.rows());
    }
}
