package dev.modelport.data.parallel;

/**
 * When a big request's work is worth handing to spare cores ({@code modelport.spare-cores.*}).
 *
 * @param decodeInHalvesFromBytes a {@code dataframe_split} body this long or longer is decoded in two halves at once
 * @param minPartRows             rows a part of a big input has at least, so inputs of twice this many are predicted in parts
 * @param minPartNanos            the least a part takes at the model's measured pace for the input to be split
 */
public record SplitThresholds(long decodeInHalvesFromBytes, int minPartRows, long minPartNanos) {
    /**
     * The measured defaults. 128 KB: below ~100 KB a half decodes faster than it is handed to another
     * core and back (JMH DecodeBench, 10,000 rows in 264 KB: 0.90-1.09 ms whole, 0.77-0.86 ms in halves).
     * 1,024 rows and 0.25 ms: a hand-over and the copies of a part's rows and answers cost tens of
     * microseconds, and a logistic regression's 10,000 rows (0.2 ms) came out slower in parts
     * (JMH ScoreBench 0.98-1.07 -> 1.13-1.47 ms), where a 100-tree forest's went 56.9 -> 44.9 ms.
     */
    public static final SplitThresholds MEASURED = new SplitThresholds(128 * 1024, 1024, 250_000);

    public SplitThresholds {
        if (decodeInHalvesFromBytes < 0 || minPartRows < 1 || minPartNanos < 0) {
            throw new IllegalArgumentException("thresholds must not be negative (and parts have a row): " + decodeInHalvesFromBytes + ", "
                    + minPartRows + ", " + minPartNanos);
        }
    }
}
