package dev.modelport.serving.connection;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFactory;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.InternetProtocolFamily;
import io.vertx.core.datagram.DatagramSocketOptions;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.impl.VertxHttpRequestDecoder;
import io.vertx.core.net.ClientOptionsBase;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.core.spi.transport.Transport;
import java.util.concurrent.ThreadFactory;

/**
 * Vert.x's transport as it is, except that an HTTP server's connections decode requests through a
 * {@link GuardedRequestDecoder}. Vert.x calls {@link #configure(NetServerOptions, boolean, ServerBootstrap)}
 * once a server's child handler is set, so wrapping that handler is the hook; it is handed plain
 * {@link NetServerOptions}, so the decoder's HTTP limits come from Quarkus' configuration instead. The swap needs the whole
 * HTTP/1 pipeline built when the connection is set up, hence {@code quarkus.http.http2=false}: with
 * cleartext HTTP/2 on, Vert.x builds it only after the first bytes tell HTTP/1 from HTTP/2.
 */
final class GuardedTransport implements Transport {
    private static final String DECODER = "httpDecoder";

    private final Transport transport;
    private final HttpServerOptions decoderOptions;
    private final ConnectionLimits limits;

    /** {@code decoderOptions}: the request line, header and chunk limits Vert.x's decoder would have had. */
    GuardedTransport(Transport transport, HttpServerOptions decoderOptions, ConnectionLimits limits) {
        this.transport = transport;
        this.decoderOptions = decoderOptions;
        this.limits = limits;
    }

    @Override
    public void configure(NetServerOptions options, boolean domainSocket, ServerBootstrap bootstrap) {
        transport.configure(options, domainSocket, bootstrap);
        ChannelHandler vertx = bootstrap.config().childHandler();
        bootstrap.childHandler(new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel channel) {
                channel.pipeline().addLast(vertx);
                if (channel.pipeline().get(DECODER) instanceof VertxHttpRequestDecoder) {
                    channel.pipeline().replace(DECODER, DECODER, new GuardedRequestDecoder(decoderOptions, limits));
                }
            }
        });
    }

    @Override
    public boolean supportsDomainSockets() {
        return transport.supportsDomainSockets();
    }

    @Override
    public boolean supportFileRegion() {
        return transport.supportFileRegion();
    }

    @Override
    public boolean isAvailable() {
        return transport.isAvailable();
    }

    @Override
    public Throwable unavailabilityCause() {
        return transport.unavailabilityCause();
    }

    @Override
    public java.net.SocketAddress convert(SocketAddress address) {
        return transport.convert(address);
    }

    @Override
    public SocketAddress convert(java.net.SocketAddress address) {
        return transport.convert(address);
    }

    @Override
    public EventLoopGroup eventLoopGroup(int type, int threads, ThreadFactory threadFactory, int ioRatio) {
        return transport.eventLoopGroup(type, threads, threadFactory, ioRatio);
    }

    @Override
    public DatagramChannel datagramChannel() {
        return transport.datagramChannel();
    }

    @Override
    public DatagramChannel datagramChannel(InternetProtocolFamily family) {
        return transport.datagramChannel(family);
    }

    @Override
    public ChannelFactory<? extends Channel> channelFactory(boolean domainSocket) {
        return transport.channelFactory(domainSocket);
    }

    @Override
    public ChannelFactory<? extends ServerChannel> serverChannelFactory(boolean domainSocket) {
        return transport.serverChannelFactory(domainSocket);
    }

    @Override
    public void configure(DatagramChannel channel, DatagramSocketOptions options) {
        transport.configure(channel, options);
    }

    @Override
    public void configure(ClientOptionsBase options, boolean domainSocket, Bootstrap bootstrap) {
        transport.configure(options, domainSocket, bootstrap);
    }
}
