package dev.modelport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Temporary directories this JVM owns: named {@code <prefix><pid>-…}, deleted when it exits, and, since
 * a SIGKILLed JVM runs no exit hook, deleted by the next one that creates one with the same prefix once
 * no process has that pid.
 */
public final class TempDirectories {
    private TempDirectories() {
    }

    /** A new directory {@code <prefix><pid>-…} in {@code java.io.tmpdir}, after the ones of JVMs gone are deleted. */
    public static Path createOwned(String prefix) throws IOException {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        deleteStale(tmp, prefix);
        Path dir = Files.createTempDirectory(tmp, prefix + ProcessHandle.current().pid() + "-");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteQuietly(dir), "delete-" + dir.getFileName()));
        return dir;
    }

    /** Deletes the directories {@code <prefix><pid>-…} in {@code tmp} of processes no longer running. */
    public static void deleteStale(Path tmp, String prefix) {
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(tmp, prefix + "*")) {
            for (Path dir : dirs) {
                String[] pidAndRest = dir.getFileName().toString().substring(prefix.length()).split("-", 2);
                if (pidAndRest.length == 2 && !pidAndRest[0].isEmpty() && pidAndRest[0].chars().allMatch(Character::isDigit)
                        && ProcessHandle.of(Long.parseLong(pidAndRest[0])).isEmpty()) {
                    deleteQuietly(dir);
                }
            }
        } catch (IOException | RuntimeException e) {
            // another user's directory, or one deleted meanwhile: it is not ours to clean
        }
    }

    private static void deleteQuietly(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            List<Path> all = paths.sorted(Comparator.reverseOrder()).toList();
            for (Path p : all) {
                Files.deleteIfExists(p);
            }
        } catch (IOException | UncheckedIOException e) {
            // left for the next start's deleteStale
        }
    }
}
