package dev.modelport.flavor.sklearn.pickle;

/** A function a pickle names (an allowlisted numpy ufunc): only ever looked at by name, never called. */
public record PyFunction(String name) {
}
