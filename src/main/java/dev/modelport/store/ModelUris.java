package dev.modelport.store;

import dev.modelport.ErrorCode;
import dev.modelport.ModelportException;
import dev.modelport.model.ModelDirectory;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves model URIs to model directories. Local URIs only for now: plain paths (relative to the
 * working directory, or absolute), {@code file:} URIs ({@code file:///abs}, {@code file:relative})
 * and the path of an {@code MLmodel} file itself. Remote schemes are recognised and refused with a
 * clear message until their stores exist.
 */
public final class ModelUris {
    private static final Pattern SCHEME = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]+):");

    private final Path workingDir;

    /** Resolves relative paths against {@code workingDir}. */
    public ModelUris(Path workingDir) {
        this.workingDir = Objects.requireNonNull(workingDir, "workingDir").toAbsolutePath().normalize();
    }

    /** Resolves relative paths against the process's working directory. */
    public static ModelUris local() {
        return new ModelUris(Path.of("").toAbsolutePath());
    }

    /** The model directory a URI names; a clear {@link ModelportException} when there is none. */
    public ModelDirectory resolve(String uri) {
        return switch (parse(uri)) {
            case ModelUri.Local local -> open(local);
            case ModelUri.Remote remote -> throw ModelportException.badModel(
                    "Model URI scheme '%s' is not supported yet (%s): use a local model directory, a file: URI or the path of an MLmodel file",
                    remote.scheme(), remote.uri());
        };
    }

    private ModelDirectory open(ModelUri.Local local) {
        Path path = workingDir.resolve(local.path()).normalize();
        if (!Files.exists(path)) {
            throw new ModelportException(ErrorCode.RESOURCE_DOES_NOT_EXIST,
                    "Model directory " + path + " does not exist (model URI '" + local.uri() + "')");
        }
        if (Files.isRegularFile(path)) {
            if (!path.getFileName().toString().equals(ModelDirectory.MLMODEL)) {
                throw ModelportException.badModel("%s is a file, not a model directory or its %s file (model URI '%s')",
                        path, ModelDirectory.MLMODEL, local.uri());
            }
            path = path.getParent();
        }
        return ModelDirectory.open(path);
    }

    /**
     * Parses a model URI. A scheme needs two characters or more, so a Windows drive ({@code C:\m})
     * stays a path; {@code ~/} is the user's home, as MLflow expands it.
     */
    public static ModelUri parse(String uri) {
        if (uri == null || uri.isBlank()) {
            throw ModelportException.badModel("no model URI given: pass a model directory, a file: URI or the path of an MLmodel file");
        }
        Matcher scheme = SCHEME.matcher(uri);
        if (!scheme.find()) {
            return new ModelUri.Local(uri, path(uri, uri));
        }
        String name = scheme.group(1).toLowerCase(Locale.ROOT);
        if (!name.equals("file")) {
            return new ModelUri.Remote(uri, name);
        }
        String rest = uri.substring(scheme.end());
        if (rest.startsWith("//")) {
            String authorityAndPath = rest.substring(2);
            int slash = authorityAndPath.indexOf('/');
            String host = slash < 0 ? authorityAndPath : authorityAndPath.substring(0, slash);
            if (!host.isEmpty() && !host.equalsIgnoreCase("localhost")) {
                throw ModelportException.badModel("model URI %s names host '%s': a file: URI must be local (file:///absolute/path)", uri, host);
            }
            rest = slash < 0 ? "" : authorityAndPath.substring(slash);
        }
        if (rest.isEmpty()) {
            throw ModelportException.badModel("model URI %s names no path", uri);
        }
        return new ModelUri.Local(uri, path(percentDecode(rest, uri), uri));
    }

    private static Path path(String text, String uri) {
        String expanded = text.equals("~") || text.startsWith("~/") ? System.getProperty("user.home") + text.substring(1) : text;
        try {
            return Path.of(expanded);
        } catch (InvalidPathException e) {
            throw ModelportException.badModel("model URI %s is not a valid path: %s", uri, e.getMessage());
        }
    }

    private static String percentDecode(String text, String uri) {
        if (text.indexOf('%') < 0) {
            return text;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '%') {
                int hi = i + 2 < text.length() ? Character.digit(text.charAt(i + 1), 16) : -1;
                int lo = i + 2 < text.length() ? Character.digit(text.charAt(i + 2), 16) : -1;
                if (hi < 0 || lo < 0) {
                    throw ModelportException.badModel("model URI %s has an invalid %%-escape at position %d", uri, i);
                }
                bytes.write(hi * 16 + lo);
                i += 2;
            } else {
                byte[] encoded = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                bytes.write(encoded, 0, encoded.length);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
