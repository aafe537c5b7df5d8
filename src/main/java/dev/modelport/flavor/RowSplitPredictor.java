package dev.modelport.flavor;

import dev.modelport.data.Input;
import dev.modelport.data.Output;
import dev.modelport.data.Params;
import dev.modelport.data.Rows;
import dev.modelport.data.parallel.SpareCores;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.function.IntUnaryOperator;

/**
 * A predictor that predicts every row on its own (scikit-learn's and XGBoost's {@code predict}),
 * given a big input in parts by rows: the parts predicted at once on the machine's other cores, the
 * answers put back together in row order. One 10,000-row request had kept one core busy while the
 * others waited. Parts go to {@link SpareCores}, so under a load of big requests each is predicted
 * whole on its own thread. When a part fails, or the parts' answers are not alike, the whole input
 * is predicted as it is: a failure then reads as the model's own on all the rows (scikit-learn's
 * message names every unknown category, not one part's). An interrupted caller (its request timed
 * out) cancels the parts and predicts no more of them. {@link Flavors} wraps every predictor that
 * is a {@link RowByRowPredictor}. Thread-safe when the predictor it wraps is.
 */
final class RowSplitPredictor implements Predictor {
    /**
     * Values one call of the model is given at most: a bigger input (or part) is predicted a chunk of
     * rows at a time, so the model's own arrays for a call (scikit-learn's float matrix, its scores)
     * stay young garbage of a couple of MB whatever the input. 5.7M iris rows predicted whole had taken
     * 500 MB beside the input.
     */
    static final long MAX_CHUNK_VALUES = 1 << 18;

    private final Predictor whole;
    private final SpareCores spare;
    private final int cores;
    private final int minPartRows;
    private final long minPartNanos;
    /** Nanoseconds per 1,024 rows of the last big input predicted, 0 before one was. */
    private volatile long pace;

    /** Predicts with {@code whole}, in parts by rows when an input is big enough by {@code spare}'s thresholds. */
    RowSplitPredictor(Predictor whole, SpareCores spare) {
        this.whole = whole;
        this.spare = spare;
        this.cores = spare.cores();
        this.minPartRows = spare.thresholds().minPartRows();
        this.minPartNanos = spare.thresholds().minPartNanos();
    }

    @Override
    public Output predict(Input input, Params params) {
        int rows = Rows.count(input);
        if (rows < 2 * minPartRows) {
            return whole.predict(input, params);
        }
        int others = spare.startBigWork();
        try {
            int parts = Math.min(parts(rows), cores - others); // the cores other big work is not using
            if (parts > 1) {
                Optional<Output> joined = inParts(input, params, rows, parts);
                if (joined.isPresent()) {
                    return joined.get();
                }
            }
            return timed(input, 0, rows, params);
        } finally {
            spare.endBigWork();
        }
    }

    /** How many parts an input of {@code rows} is predicted in: 1, whole, until a big one has shown the model's pace. */
    int parts(int rows) {
        int parts = Math.min(cores, rows / minPartRows);
        long pace = this.pace;
        return parts > 1 && pace > 0 && (long) (rows / parts) * pace / 1024 >= minPartNanos ? parts : 1;
    }

    /** {@code whole.predict}, keeping its pace. */
    private Output timed(Input input, int from, int to, Params params) {
        long start = System.nanoTime();
        Output output = inChunks(input, from, to, params);
        pace = Math.max(1, (System.nanoTime() - start) * 1024 / (to - from));
        return output;
    }

    /**
     * {@code whole.predict} of the rows from {@code from} to {@code to}, a chunk of them at a time when they hold
     * more than {@link #MAX_CHUNK_VALUES}: only a chunk is copied out of the input at once.
     */
    Output inChunks(Input input, int from, int to, Params params) {
        int rows = to - from;
        int chunk = (int) Math.max(minPartRows, MAX_CHUNK_VALUES / Math.max(1, Rows.width(input)));
        if (rows <= chunk) {
            return whole.predict(rows == Rows.count(input) ? input : Rows.slice(input, from, to), params);
        }
        List<Output> answers = new ArrayList<>(rows / chunk + 1);
        Optional<Output> joined;
        try {
            for (int start = from; start < to; start += chunk) {
                if (Thread.currentThread().isInterrupted()) {
                    throw new CancellationException("interrupted while predicting");
                }
                answers.add(whole.predict(Rows.slice(input, start, Math.min(to, start + chunk)), params));
            }
            joined = joined(answers, p -> (int) Math.min(rows, (long) p * chunk));
        } catch (CancellationException e) {
            throw e;
        } catch (RuntimeException e) {
            joined = Optional.empty();
        }
        // a chunk failed (the model's own failure is then reported over all the rows), or they do not concatenate
        return joined.orElseGet(() -> whole.predict(Rows.slice(input, from, to), params));
    }

    /** The parts' answers together; empty when a part failed or they do not concatenate. */
    Optional<Output> inParts(Input input, Params params, int rows, int parts) {
        List<SpareCores.Part<Output>> helped = new ArrayList<>(parts - 1);
        for (int p = 1; p < parts; p++) {
            int from = bound(rows, parts, p);
            int to = bound(rows, parts, p + 1);
            helped.add(spare.offer(() -> inChunks(input, from, to, params))); // null: predicted here
        }
        List<Output> answers = new ArrayList<>(parts);
        try {
            int first = bound(rows, parts, 1);
            answers.add(timed(input, 0, first, params));
            for (int p = 1; p < parts; p++) {
                SpareCores.Part<Output> part = helped.get(p - 1);
                if (Thread.interrupted()) {
                    throw new InterruptedException();
                }
                int from = bound(rows, parts, p);
                int to = bound(rows, parts, p + 1);
                answers.add(part == null || part.takeBack()
                        ? inChunks(input, from, to, params)
                        : part.join().orElse(null)); // null: the helper's part failed
            }
        } catch (RuntimeException e) {
            takeBack(helped);
            return Optional.empty();
        } catch (InterruptedException e) {
            cancel(helped);
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted while predicting");
        }
        return joined(answers, p -> bound(rows, parts, p));
    }

    /** The answers as one, answer {@code p} for the rows from {@code start(p)}; empty when one is missing or not row by row. */
    private static Optional<Output> joined(List<Output> answers, IntUnaryOperator start) {
        for (int p = 0; p < answers.size(); p++) {
            Output answer = answers.get(p);
            if (answer == null || Rows.count((Input) answer) != start.applyAsInt(p + 1) - start.applyAsInt(p)) {
                return Optional.empty(); // a part failed, or answered not row by row (each kind of output is a kind of input too)
            }
        }
        return Rows.concat(answers);
    }

    /** The parts no helper has started yet, so none will. */
    private static void takeBack(List<SpareCores.Part<Output>> parts) {
        for (SpareCores.Part<Output> part : parts) {
            if (part != null) {
                part.takeBack();
            }
        }
    }

    /** The parts of a request that no longer wants them. */
    private static void cancel(List<SpareCores.Part<Output>> parts) {
        for (SpareCores.Part<Output> part : parts) {
            if (part != null) {
                part.cancel();
            }
        }
    }

    /** Where part {@code p} of {@code parts} starts. */
    private static int bound(int rows, int parts, int p) {
        return (int) ((long) rows * p / parts);
    }

    @Override
    public boolean inProcess() {
        return whole.inProcess();
    }

    @Override
    public void close() {
        whole.close();
    }

    @Override
    public String toString() {
        return whole.toString();
    }
}
