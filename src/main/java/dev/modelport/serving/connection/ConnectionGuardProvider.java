package dev.modelport.serving.connection;

import dev.modelport.serving.ServingConfig;
import io.quarkus.vertx.http.runtime.ServerLimitsConfig;
import io.quarkus.vertx.http.runtime.VertxHttpConfig;
import io.smallrye.config.SmallRyeConfig;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.impl.VertxBuilder;
import io.vertx.core.spi.VertxServiceProvider;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Puts {@link GuardedTransport} under the Vert.x instance Quarkus builds (a Vert.x service provider, found
 * through {@code META-INF/services}): the one place that sees each HTTP connection before Vert.x decodes
 * it, which neither Quarkus nor Vert.x's options expose (Quarkus sets the server's connection and invalid
 * request handlers itself).
 */
public class ConnectionGuardProvider implements VertxServiceProvider {
    @Override
    public void init(VertxBuilder builder) {
        if (builder.findTransport() instanceof GuardedTransport) {
            return;
        }
        SmallRyeConfig config = ConfigProvider.getConfig().unwrap(SmallRyeConfig.class);
        ServerLimitsConfig http = config.getConfigMapping(VertxHttpConfig.class).limits();
        HttpServerOptions decoderOptions = new HttpServerOptions().setMaxInitialLineLength(http.maxInitialLineLength())
                .setMaxHeaderSize(http.maxHeaderSize().asBigInteger().intValueExact())
                .setMaxChunkSize(http.maxChunkSize().asBigInteger().intValueExact());
        ConnectionLimits limits = ConnectionLimits.of(config.getConfigMapping(ServingConfig.class).http());
        builder.findTransport(new GuardedTransport(builder.findTransport(), decoderOptions, limits));
    }
}
