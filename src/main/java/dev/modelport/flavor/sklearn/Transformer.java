package dev.modelport.flavor.sklearn;

/** A fitted scikit-learn transformer compiled to flat arrays: {@code transform(X)}. */
interface Transformer {

    String name();

    Table transform(Table x);
}
