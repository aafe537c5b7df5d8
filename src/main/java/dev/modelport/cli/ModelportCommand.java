package dev.modelport.cli;

import io.quarkus.picocli.runtime.annotations.TopCommand;
import picocli.CommandLine.Command;

/** {@code modelport}: MLflow's model commands, served and run from the JVM. */
@TopCommand
@Command(name = "modelport", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Serve, predict with, package and deploy MLflow models.",
        subcommands = {ModelsCommand.class, SageMakerServeCommand.class})
public class ModelportCommand {
}
