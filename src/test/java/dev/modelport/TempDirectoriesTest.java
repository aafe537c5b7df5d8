package dev.modelport;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelport.store.BundledModel;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TempDirectoriesTest {
    @TempDir
    Path tmp;

    @Test
    void directoriesOfJvmsNoLongerRunningAreDeleted() throws Exception {
        Process ended = new ProcessBuilder("true").start();
        ended.waitFor();
        Path stale = Files.createDirectories(tmp.resolve("modelport-python-" + ended.pid() + "-123"));
        Files.writeString(Files.createDirectories(stale.resolve("sub")).resolve("modelport_worker.py"), "");
        Path running = Files.createDirectories(tmp.resolve("modelport-python-" + ProcessHandle.current().pid() + "-456"));
        Path unnamed = Files.createDirectories(tmp.resolve("modelport-python-789")); // no pid: whose it is cannot be told
        Path other = Files.createDirectories(tmp.resolve("modelport-envs"));

        TempDirectories.deleteStale(tmp, "modelport-python-");

        assertThat(stale).doesNotExist();
        assertThat(running).exists();
        assertThat(unnamed).exists();
        assertThat(other).exists();
    }

    @Test
    void theBundledModelIsExtractedIntoADirectoryNamedAfterThisJvm() {
        Path root = BundledModel.extract().root();
        assertThat(root.getFileName().toString()).startsWith("modelport-example-model-" + ProcessHandle.current().pid() + "-");
    }
}
