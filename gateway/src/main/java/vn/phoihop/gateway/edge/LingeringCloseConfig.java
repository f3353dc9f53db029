package vn.phoihop.gateway.edge;

import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import reactor.netty.NettyPipeline;

/** Puts a {@link LingeringClose} on every HTTP/1.1 connection the gateway accepts, right after the codec. */
@Configuration(proxyBeanMethods = false)
class LingeringCloseConfig {

    @Bean
    NettyServerCustomizer lingeringClose(EdgeProperties properties) {
        EdgeProperties.Linger linger = properties.linger();
        return server -> server.doOnChannelInit((observer, channel, remoteAddress) -> {
            if (channel.pipeline().get(NettyPipeline.HttpCodec) != null) {
                channel.pipeline().addAfter(NettyPipeline.HttpCodec, LingeringClose.NAME,
                        new LingeringClose(linger.maxBytes(), linger.maxTime()));
            }
        });
    }
}
