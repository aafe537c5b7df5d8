package dev.modelport.flavor.pyfunc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PyfuncFlavorTest {
    @TempDir
    Path tmp;

    @Test
    void workerScriptDirectoriesOfJvmsNoLongerRunningAreDeleted() throws Exception {
        Process ended = new ProcessBuilder("true").start();
        ended.waitFor();
        Path stale = Files.createDirectories(tmp.resolve("modelport-python-" + ended.pid() + "-123"));
        Files.writeString(stale.resolve("modelport_worker.py"), "");
        Path running = Files.createDirectories(tmp.resolve("modelport-python-" + ProcessHandle.current().pid() + "-456"));
        Path unnamed = Files.createDirectories(tmp.resolve("modelport-python-789")); // no pid: whose it is cannot be told
        Path other = Files.createDirectories(tmp.resolve("modelport-envs"));

        PyfuncFlavor.deleteStaleScriptDirs(tmp);

        assertThat(stale).doesNotExist();
        assertThat(running).exists();
        assertThat(unnamed).exists();
        assertThat(other).exists();
    }
}
