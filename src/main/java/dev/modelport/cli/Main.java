package dev.modelport.cli;

import dev.modelport.serving.ModelLoading;
import io.quarkus.picocli.runtime.PicocliRunner;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine;

/**
 * One jar, a server and a command line. The two serve commands start the HTTP server, configured
 * from their arguments and environment; every other command runs with no HTTP listener.
 */
@QuarkusMain
public final class Main {

    public static void main(String... args) {
        Optional<Map<String, String>> serve;
        try {
            serve = ServeLaunch.of(args, System.getenv()).map(ServeLaunch::properties);
        } catch (CommandLine.ParameterException | IllegalArgumentException e) {
            System.err.println("modelport: " + e.getMessage());
            System.exit(2);
            return;
        }
        if (serve.isPresent()) {
            serve.get().forEach(System::setProperty);
            ModelLoading.startEarly();
            Quarkus.run(ServeApplication.class, args);
        } else {
            System.setProperty("quarkus.http.host-enabled", "false");
            // a command's output goes to stdout, so Quarkus' own lines go to stderr and only when they matter
            System.setProperty("quarkus.log.console.stderr", "true");
            System.setProperty("quarkus.log.level", System.getProperty("quarkus.log.level", "WARN"));
            Quarkus.run(PicocliRunner.class, args);
        }
    }
}
