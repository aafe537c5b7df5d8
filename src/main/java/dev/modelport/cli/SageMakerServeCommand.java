package dev.modelport.cli;

import picocli.CommandLine.Command;

/**
 * {@code modelport serve}: the SageMaker container contract. {@link Main} starts the server for it
 * before picocli runs, so picocli only ever shows its help.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Serve as a SageMaker bring-your-own container: the model in /opt/ml/model (or $MODELPORT_MODEL_DIR),",
                "port $SAGEMAKER_BIND_TO_PORT or 8080 on all interfaces, workers $SAGEMAKER_MODEL_SERVER_WORKERS,",
                "timeout $SAGEMAKER_MODEL_SERVER_TIMEOUT."})
public class SageMakerServeCommand implements Runnable {
    @Override
    public void run() {
        throw new IllegalStateException("serve is started by Main before picocli runs");
    }
}
