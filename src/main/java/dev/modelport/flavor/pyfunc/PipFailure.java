package dev.modelport.flavor.pyfunc;

import java.util.List;

/** Recognises why installing packages failed, to tell the user what to check. */
final class PipFailure {
    private static final List<String> UNREACHABLE_INDEX = List.of("Could not find a version", "No matching distribution", "NewConnectionError",
            "Network is unreachable", "Connection refused", "Temporary failure in name resolution", "Max retries exceeded", "CondaHTTPError",
            "ConnectionError", "Failed to establish a new connection");

    private PipFailure() {
    }

    /** A sentence for the error message when the output shows the package index could not be reached, else "". */
    static String hint(String output) {
        return UNREACHABLE_INDEX.stream().anyMatch(output::contains)
                ? "\nThe package index is unreachable or lacks these packages: check the network, PIP_INDEX_URL / pip.conf (conda: its channels),"
                        + " or use --env-manager local with a Python that has the model's requirements"
                : "";
    }
}
