package dev.modelport.flavor.pyfunc;

import dev.modelport.ModelportException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * One Python worker process serving one model: started with the worker script, it loads the model
 * and then answers one request at a time. Replies are read on a thread of their own, so a caller
 * waiting for one can be interrupted (a request timeout); the caller then kills the process.
 * What the worker writes to stderr goes to the log, and its last lines explain a crash.
 */
final class PythonWorker implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(PythonWorker.class);
    private static final int STDERR_LINES_KEPT = 20;

    private final String name;
    private final Process process;
    private final OutputStream requests;
    private final BlockingQueue<Optional<WorkerMessage>> replies = new LinkedBlockingQueue<>();
    private final Deque<String> stderrTail = new ArrayDeque<>();
    private final Thread stderrReader;

    private PythonWorker(String name, Process process) {
        this.name = name;
        this.process = process;
        this.requests = process.getOutputStream();
        Thread.ofPlatform().name(name + "-replies").daemon().start(this::readReplies);
        this.stderrReader = Thread.ofPlatform().name(name + "-stderr").daemon().start(this::drainStderr);
    }

    /**
     * Starts a worker for the model in {@code modelDir} and waits until it has loaded the model.
     *
     * @throws ModelportException when Python cannot be started or cannot load the model (the Python error's message)
     */
    static PythonWorker start(String name, PythonCommand python, Path script, Path modelDir) {
        ProcessBuilder builder = new ProcessBuilder(python.command(script, modelDir));
        builder.environment().putAll(python.environment(builder.environment()));
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw ModelportException.badModel(e, "Cannot start Python '%s' for the python_function flavor: %s (%s)",
                    python.executable(), e.getMessage(), python.hint());
        }
        PythonWorker worker = new PythonWorker(name, process);
        Map<String, Object> ready;
        try {
            ready = WorkerCodec.header(worker.await());
        } catch (InterruptedException e) {
            worker.kill();
            Thread.currentThread().interrupt();
            throw ModelportException.badModel("Interrupted while Python loaded the model");
        } catch (WorkerExited e) {
            throw ModelportException.badModel("Python '%s' could not load the model. %s (%s)", python.executable(), e.getMessage(), python.hint());
        }
        if (!Boolean.TRUE.equals(ready.get("ok"))) {
            worker.close();
            Map<?, ?> error = (Map<?, ?>) ready.get("error");
            String message = error.get("type") + ": " + error.get("message");
            if (String.valueOf(error.get("type")).equals("ModuleNotFoundError") && String.valueOf(error.get("message")).contains("'mlflow")) {
                message += " (" + python.hint() + ")";
            }
            throw ModelportException.badModel("MLflow could not load the model in Python (%s): %s", python.executable(), message);
        }
        LOG.infof("%s: Python %s, MLflow %s, pid %d", name, ready.get("python"), ready.get("mlflow"), process.pid());
        return worker;
    }

    /**
     * Sends one request and waits for its reply.
     *
     * @throws WorkerExited when the process ended before answering
     * @throws InterruptedException when the caller was interrupted while waiting (the worker is then unusable)
     */
    synchronized WorkerMessage exchange(WorkerMessage request) throws InterruptedException {
        try {
            request.write(requests);
        } catch (IOException e) {
            kill();
            throw new WorkerExited(" before it was sent the request (" + e.getMessage() + ")" + exitDescription());
        }
        return await();
    }

    private WorkerMessage await() throws InterruptedException {
        Optional<WorkerMessage> reply = replies.take();
        if (reply.isEmpty()) {
            replies.add(reply); // stays dead for every later caller
            throw new WorkerExited(exitDescription());
        }
        return reply.get();
    }

    boolean alive() {
        return process.isAlive();
    }

    long pid() {
        return process.pid();
    }

    /** Kills the process at once (a stuck or broken worker). */
    void kill() {
        process.destroyForcibly();
    }

    /** Ends the worker: end of input lets it exit by itself; it is killed if it does not within a few seconds. */
    @Override
    public void close() {
        try {
            requests.close();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                kill();
            }
        } catch (IOException e) {
            kill();
        } catch (InterruptedException e) {
            kill();
            Thread.currentThread().interrupt();
        }
    }

    private void readReplies() {
        InputStream in = process.getInputStream();
        try {
            while (true) {
                Optional<WorkerMessage> message = WorkerMessage.read(in);
                replies.add(message);
                if (message.isEmpty()) {
                    return;
                }
            }
        } catch (IOException e) {
            LOG.debugf("%s: reply stream ended: %s", name, e.getMessage());
            replies.add(Optional.empty());
        }
    }

    private void drainStderr() {
        try (BufferedReader err = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = err.readLine()) != null) {
                LOG.infof("[%s] %s", name, line);
                synchronized (stderrTail) {
                    if (stderrTail.size() == STDERR_LINES_KEPT) {
                        stderrTail.removeFirst();
                    }
                    stderrTail.addLast(line);
                }
            }
        } catch (IOException e) {
            LOG.debugf("%s: stderr ended: %s", name, e.getMessage());
        }
    }

    private String exitDescription() {
        String exit;
        try {
            exit = process.waitFor(2, TimeUnit.SECONDS) ? "exit code " + process.exitValue() : "still running";
            stderrReader.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exit = "state unknown";
        }
        List<String> tail;
        synchronized (stderrTail) {
            tail = List.copyOf(stderrTail);
        }
        return " (" + exit + ")" + (tail.isEmpty() ? "" : ": " + String.join("\n", tail));
    }

    /** The worker process ended (crashed, was killed, or exited) instead of answering. */
    static final class WorkerExited extends RuntimeException {
        /** @param detail what follows "The Python worker exited", from its first space: " (exit code 3): ..." */
        WorkerExited(String detail) {
            super("The Python worker exited" + detail, null, false, false);
        }
    }
}
