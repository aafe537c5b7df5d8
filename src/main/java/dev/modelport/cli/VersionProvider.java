package dev.modelport.cli;

import dev.modelport.ModelportVersion;
import picocli.CommandLine.IVersionProvider;

/** {@code modelport --version}. */
public class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        return new String[] {"modelport " + ModelportVersion.get()};
    }
}
