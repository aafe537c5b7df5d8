package dev.modelport.cli;

import picocli.CommandLine.Command;

/** {@code modelport models}: as {@code mlflow models}. */
@Command(name = "models", mixinStandardHelpOptions = true, description = "Serve an MLflow model or predict with it.",
        subcommands = {ModelsServeCommand.class, PredictCommand.class})
public class ModelsCommand {
}
