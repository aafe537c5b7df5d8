package dev.modelport.flavor.tree;

/**
 * A block of consecutive rows of a {@link FeatureMatrix} as the walks of {@link TreeWalks} read
 * them: every value twice, as given and with NaN as +Infinity, side by side, so that a split picks
 * by the feature word's lowest bit the copy that sends a NaN its way. One caller moves it from block
 * to block ({@link #select}); not thread-safe, allocated once per prediction, not per row.
 */
final class RowBlock {
    private final double[] values;
    private final int columns;
    private final double[] doubled;
    private int from;
    private int size;

    /** A block of up to {@code maxRows} rows of {@code matrix}. */
    RowBlock(FeatureMatrix matrix, int maxRows) {
        this.values = matrix.values();
        this.columns = matrix.columns();
        this.doubled = new double[Math.multiplyExact(2 * columns, Math.min(maxRows, matrix.rows()))];
    }

    /** Makes the block rows {@code [from, to)}. */
    void select(int from, int to) {
        if (from < 0 || to < from || (to - from) * 2 * columns > doubled.length || (long) to * columns > values.length) {
            throw new IllegalArgumentException("rows " + from + ".." + to + " outside the block or the matrix");
        }
        this.from = from;
        this.size = to - from;
        for (int i = from * columns, j = 0, end = to * columns; i < end; i++, j += 2) {
            double x = values[i];
            doubled[j] = x;
            doubled[j + 1] = x != x ? Double.POSITIVE_INFINITY : x;
        }
    }

    int from() {
        return from;
    }

    int size() {
        return size;
    }

    int columns() {
        return columns;
    }

    double[] values() {
        return values;
    }

    double[] doubled() {
        return doubled;
    }
}
