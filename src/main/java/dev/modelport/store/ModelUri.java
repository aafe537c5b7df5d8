package dev.modelport.store;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A model URI as MLflow accepts it ({@code -m/--model-uri}), parsed by {@link ModelUris#parse}: a
 * local path (a plain path or a {@code file:} URI), or a URI of a remote scheme ({@code s3:},
 * {@code gs:}, {@code wasbs:}, {@code abfss:}, {@code http(s):}, {@code runs:}, {@code models:}, …).
 */
public sealed interface ModelUri permits ModelUri.Local, ModelUri.Remote {

    /** The text the user gave. */
    String uri();

    /** A path on this machine, relative or absolute. */
    record Local(String uri, Path path) implements ModelUri {
        public Local {
            Objects.requireNonNull(uri, "uri");
            Objects.requireNonNull(path, "path");
        }
    }

    /** A URI of another scheme (lower case, e.g. {@code s3}); fetching it is a remote store's job. */
    record Remote(String uri, String scheme) implements ModelUri {
        public Remote {
            Objects.requireNonNull(uri, "uri");
            Objects.requireNonNull(scheme, "scheme");
        }
    }
}
