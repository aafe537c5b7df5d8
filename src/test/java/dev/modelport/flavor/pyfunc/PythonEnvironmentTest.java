package dev.modelport.flavor.pyfunc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelport.ModelportException;
import dev.modelport.flavor.EnvManager;
import dev.modelport.model.ModelDirectory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The --env-manager choices: what they run, and the clear errors when they cannot build an environment (offline here). */
class PythonEnvironmentTest {
    @TempDir
    Path tmp;

    private Map<String, String> env() {
        Map<String, String> env = new HashMap<>(BehaviourModel.env());
        env.put("MODELPORT_ENVS_DIR", tmp.resolve("envs").toString());
        return env;
    }

    private ModelDirectory modelWith(String pythonEnvYaml) throws IOException {
        Path dir = tmp.resolve("model");
        BehaviourModel.loaderModel(dir, "m", "def _load_pyfunc(path):\n    return None\n");
        if (pythonEnvYaml != null) {
            Files.writeString(dir.resolve("python_env.yaml"), pythonEnvYaml);
        }
        Files.writeString(dir.resolve("requirements.txt"), "mlflow==2.12.1\n");
        Files.writeString(dir.resolve("conda.yaml"), "dependencies:\n- python=3.11.2\n");
        return ModelDirectory.open(dir);
    }

    @Test
    void localRunsModelportPythonWithItsPythonPathFirst() throws IOException {
        Map<String, String> env = Map.of("MODELPORT_PYTHON", "/opt/py/bin/python3", "MODELPORT_PYTHONPATH", "/src/mlflow");
        PythonCommand python = PythonEnvironment.of(EnvManager.LOCAL, env).prepare(modelWith(null));
        assertThat(python.executable()).isEqualTo("/opt/py/bin/python3");
        assertThat(python.environment(Map.of("PYTHONPATH", "/user/lib"))).containsEntry("PYTHONPATH", "/src/mlflow:/user/lib");
        assertThat(python.environment(Map.of())).containsEntry("PYTHONPATH", "/src/mlflow");
    }

    @Test
    void localDefaultsToPython3OnPathAndLeavesPythonPathAlone() throws IOException {
        PythonCommand python = PythonEnvironment.of(EnvManager.LOCAL, Map.of()).prepare(modelWith(null));
        assertThat(python.executable()).isEqualTo("python3");
        assertThat(python.pythonPathHead()).isEqualTo(Optional.empty());
        assertThat(python.environment(Map.of("PYTHONPATH", "/user/lib"))).isEmpty();
    }

    @Test
    void condaWithoutCondaSaysSo() throws IOException {
        Map<String, String> env = env();
        env.put("PATH", tmp.toString());
        env.remove("MLFLOW_CONDA_HOME");
        assertThatThrownBy(() -> PythonEnvironment.of(EnvManager.CONDA, env).prepare(modelWith(null))).isInstanceOf(ModelportException.class)
                .hasMessageContaining("--env-manager conda needs conda").hasMessageContaining("MLFLOW_CONDA_HOME is not set");
    }

    @Test
    void virtualenvNeedsPythonEnvYaml() throws IOException {
        assertThatThrownBy(() -> PythonEnvironment.of(EnvManager.VIRTUALENV, env()).prepare(modelWith(null))).isInstanceOf(ModelportException.class)
                .hasMessageContaining("needs the model's python_env.yaml");
    }

    @Test
    void virtualenvNamesThePythonItCannotFind() throws IOException {
        ModelDirectory model = modelWith("python: 2.1.0\nbuild_dependencies:\n- pip\ndependencies:\n- -r requirements.txt\n");
        assertThatThrownBy(() -> PythonEnvironment.of(EnvManager.VIRTUALENV, env()).prepare(model)).isInstanceOf(ModelportException.class)
                .hasMessageContaining("needs Python 2.1.0").hasMessageContaining("pyenv install 2.1.0");
    }

    @Test
    void virtualenvIsCreatedThenFailsClearlyWhenThePackageIndexIsUnreachable() throws IOException {
        ModelDirectory model = modelWith("python: 3.11.2\nbuild_dependencies:\n- pip==23.0.1\ndependencies:\n- -r requirements.txt\n");
        Map<String, String> env = env();
        env.put("PIP_INDEX_URL", "http://127.0.0.1:9/simple"); // nothing listens on the discard port: unreachable at once
        env.put("PIP_RETRIES", "0");
        env.put("PIP_TIMEOUT", "2");
        env.put("PIP_NO_CACHE_DIR", "1");
        env.put("PIP_CONFIG_FILE", "/dev/null"); // no machine-wide extra indexes or wheel folders
        assertThatThrownBy(() -> PythonEnvironment.of(EnvManager.VIRTUALENV, env).prepare(model)).isInstanceOf(ModelportException.class)
                .hasMessageContaining("Could not build the virtualenv").hasMessageContaining("bin/python -m pip install --disable-pip-version-check ")
                .hasMessageContaining("` failed (exit 1)")
                .hasMessageContaining("The package index is unreachable");
        try (var envs = Files.list(tmp.resolve("envs"))) {
            assertThat(envs).as("the unfinished environment is removed").isEmpty();
        }
    }

    @Test
    void environmentsAreKeyedByTheContentOfTheirFiles() throws IOException {
        Path a = Files.writeString(tmp.resolve("python_env.yaml"), "python: 3.11.2\n");
        String first = PythonEnvironment.contentHash(List.of(a));
        assertThat(first).hasSize(16).isEqualTo(PythonEnvironment.contentHash(List.of(a)));
        assertThat(PythonEnvironment.contentHash(List.of(a, tmp.resolve("requirements.txt")))).isNotEqualTo(first);
        Files.writeString(a, "python: 3.12.0\n");
        assertThat(PythonEnvironment.contentHash(List.of(a))).isNotEqualTo(first);
    }

    @Test
    void envManagerIsParsedAsMlflowSpellsIt() {
        assertThat(EnvManager.parse("virtualenv")).isEqualTo(EnvManager.VIRTUALENV);
        assertThat(EnvManager.parse(" Conda ")).isEqualTo(EnvManager.CONDA);
        assertThatThrownBy(() -> EnvManager.parse("uv")).isInstanceOf(ModelportException.class)
                .hasMessage("Unknown --env-manager 'uv': use local, virtualenv or conda");
    }
}
