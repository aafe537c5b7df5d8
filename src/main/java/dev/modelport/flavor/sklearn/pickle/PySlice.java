package dev.modelport.flavor.sklearn.pickle;

/** A Python {@code slice(start, stop, step)}; each bound is a Long or null (None). */
public record PySlice(Long start, Long stop, Long step) {
}
