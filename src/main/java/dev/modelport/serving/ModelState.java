package dev.modelport.serving;

import dev.modelport.ModelportException;
import dev.modelport.model.InputExample;
import dev.modelport.scoring.ScoringService;
import java.util.Optional;

/** Where the served model is in its life: readiness and every route read this, nothing else guesses. */
public sealed interface ModelState {

    /** Not loaded and warmed yet: {@code /ping} answers 503. */
    record Loading() implements ModelState {
    }

    /** Loaded and warmed: requests are scored. */
    record Ready(ScoringService scoring, Optional<InputExample> example) implements ModelState {
    }

    /** Could not be loaded: the server stops with the reason. */
    record Failed(ModelportException reason) implements ModelState {
    }
}
