package dev.modelport.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code modelport models serve}: {@link Main} starts the server for this command before picocli
 * runs, so picocli only ever shows its help.
 */
@Command(name = "serve", description = "Serve a model over MLflow's REST scoring protocol (/ping, /health, /version, /invocations).")
public class ModelsServeCommand implements Runnable {
    @Mixin
    ServeOptions options;

    @Override
    public void run() {
        throw new IllegalStateException("models serve is started by Main before picocli runs");
    }
}
