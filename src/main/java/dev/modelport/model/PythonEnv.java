package dev.modelport.model;

import dev.modelport.ModelportException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Python environment MLflow records beside a model, and the three files it writes for it
 * ({@code mlflow/utils/environment.py}): {@code requirements.txt}, {@code conda.yaml} and
 * {@code python_env.yaml}.
 *
 * @param python            the Python version, e.g. {@code 3.11.2}
 * @param buildDependencies pip, setuptools and wheel as MLflow pins them ({@code pip==23.0.1}), or unpinned
 * @param pipRequirements   the model's pip requirements; an {@code mlflow} requirement is added
 *                          first when missing, as MLflow does
 * @param mlflowRequirement the requirement added when {@code pipRequirements} names no mlflow
 */
public record PythonEnv(String python, List<String> buildDependencies, List<String> pipRequirements, String mlflowRequirement) {
    public static final String CONDA_YAML = "conda.yaml";
    public static final String PYTHON_ENV_YAML = "python_env.yaml";
    public static final String REQUIREMENTS_TXT = "requirements.txt";
    static final String CONSTRAINTS_TXT = "constraints.txt";
    /**
     * MLflow records the interpreter it runs in; a JVM has none, so without a
     * {@code python_function} flavor naming one this version is written.
     */
    public static final String DEFAULT_PYTHON = "3.11.2";
    /** What MLflow writes when it cannot find the build packages' versions. */
    public static final List<String> UNPINNED_BUILD_DEPENDENCIES = List.of("pip", "setuptools", "wheel");

    private static final Pattern REQUIREMENT_NAME = Pattern.compile("^\\s*([A-Za-z0-9][A-Za-z0-9._-]*)");
    private static final Pattern PIP_PIN = Pattern.compile("^pip==([\\d.]+)$");

    public PythonEnv {
        Objects.requireNonNull(python, "python");
        if (python.isBlank()) {
            throw new IllegalArgumentException("python version must not be blank");
        }
        buildDependencies = List.copyOf(buildDependencies);
        pipRequirements = List.copyOf(pipRequirements);
        Objects.requireNonNull(mlflowRequirement, "mlflowRequirement");
    }

    /** An environment with unpinned build packages and an unpinned {@code mlflow} requirement. */
    public static PythonEnv of(String python, List<String> pipRequirements) {
        return new PythonEnv(python, UNPINNED_BUILD_DEPENDENCIES, pipRequirements, "mlflow");
    }

    /**
     * The environment for a model: Python from its {@code python_function} flavor's
     * {@code python_version} (else {@link #DEFAULT_PYTHON}), and the mlflow requirement pinned to
     * its {@code mlflow_version} as MLflow pins its own version (a {@code .devN} version pins the
     * previous micro release).
     */
    public static PythonEnv forModel(Model model, List<String> pipRequirements) {
        String python = model.flavor("python_function").map(f -> f.get("python_version"))
                .map(String::valueOf).orElse(DEFAULT_PYTHON);
        String mlflow = model.mlflowVersion().map(PythonEnv::mlflowPin).orElse("mlflow");
        return new PythonEnv(python, UNPINNED_BUILD_DEPENDENCIES, pipRequirements, mlflow);
    }

    public PythonEnv withBuildDependencies(List<String> buildDependencies) {
        return new PythonEnv(python, buildDependencies, pipRequirements, mlflowRequirement);
    }

    /** Reads the pip requirements of a saved model ({@code requirements.txt}, one per line). */
    public static List<String> readRequirements(Path modelDir) {
        Path file = modelDir.resolve(REQUIREMENTS_TXT);
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8).stream().map(String::strip)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        } catch (IOException e) {
            throw ModelportException.badModel(e, "cannot read %s: %s", file, e.getMessage());
        }
    }

    /** The requirements as written: mlflow first when missing, duplicates removed. */
    public List<String> requirements() {
        List<String> reqs = new ArrayList<>(pipRequirements);
        if (reqs.stream().noneMatch(PythonEnv::isMlflowRequirement)) {
            reqs.add(0, mlflowRequirement);
        }
        return List.copyOf(new LinkedHashSet<>(reqs));
    }

    /** {@code requirements.txt}: the requirements joined by newlines, no final newline. */
    public String requirementsTxt() {
        return String.join("\n", requirements());
    }

    /** {@code conda.yaml} as {@code _mlflow_conda_env} writes it. */
    public String condaYaml() {
        List<Object> dependencies = new ArrayList<>();
        dependencies.add("python=" + python);
        dependencies.add(buildDependencies.stream().map(PIP_PIN::matcher).filter(Matcher::matches)
                .map(m -> "pip<=" + m.group(1)).findFirst().orElse("pip"));
        dependencies.add(Map.of("pip", requirements()));
        Map<String, Object> env = new LinkedHashMap<>();
        env.put("name", "mlflow-env");
        env.put("channels", List.of("conda-forge"));
        env.put("dependencies", dependencies);
        return MlmodelYaml.dump(env);
    }

    /** {@code python_env.yaml} as {@code _PythonEnv.to_yaml} writes it (keys unsorted, empty ones left out). */
    public String pythonEnvYaml() {
        Map<String, Object> env = new LinkedHashMap<>();
        env.put("python", python);
        if (!buildDependencies.isEmpty()) {
            env.put("build_dependencies", buildDependencies);
        }
        env.put("dependencies", List.of("-r " + REQUIREMENTS_TXT));
        return MlmodelYaml.dumpUnsorted(env);
    }

    /** Writes the three files into a model directory. */
    public void write(Path dir) {
        writeFile(dir.resolve(CONDA_YAML), condaYaml());
        writeFile(dir.resolve(REQUIREMENTS_TXT), requirementsTxt());
        writeFile(dir.resolve(PYTHON_ENV_YAML), pythonEnvYaml());
    }

    private static void writeFile(Path file, String text) {
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw ModelportException.badModel(e, "cannot write %s: %s", file, e.getMessage());
        }
    }

    /** True for a requirement on {@code mlflow} or {@code mlflow-skinny}, whatever the version spec. */
    static boolean isMlflowRequirement(String requirement) {
        Matcher m = REQUIREMENT_NAME.matcher(requirement);
        if (!m.find()) {
            return requirement.replace(" ", "").toLowerCase(Locale.ROOT).contains("/mlflow");
        }
        String name = m.group(1).toLowerCase(Locale.ROOT).replace('_', '-');
        return name.equals("mlflow") || name.equals("mlflow-skinny");
    }

    /** MLflow's {@code _generate_mlflow_version_pinning}: {@code 2.12.2.dev0} pins {@code mlflow==2.12.1}. */
    static String mlflowPin(String version) {
        Matcher dev = Pattern.compile("^(\\d+)\\.(\\d+)\\.(\\d+)\\.?dev\\d*$").matcher(version);
        if (dev.matches()) {
            int micro = Integer.parseInt(dev.group(3));
            return "mlflow==" + dev.group(1) + "." + dev.group(2) + "." + Math.max(0, micro - 1);
        }
        return "mlflow==" + version;
    }
}
