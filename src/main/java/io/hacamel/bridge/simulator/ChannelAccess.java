package io.hacamel.bridge.simulator;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.util.ReferenceCountUtil;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.net.impl.ConnectionBase;
import java.util.function.BooleanSupplier;

/**
 * The two things Vert.x's public API cannot do to a server websocket, done on its Netty channel: drop the TCP
 * connection without a close frame, and stop answering pings (Vert.x always answers them) for a half-open fault.
 */
final class ChannelAccess {

    private ChannelAccess() {
    }

    static Channel channelOf(HttpConnection connection) {
        return ((ConnectionBase) connection).channel();
    }

    /**
     * Closes the TCP connection at once: no close frame, queued data discarded. The close starts at the head of
     * the pipeline because Vert.x's own handler would turn a close into a websocket close handshake.
     */
    static void abort(Channel channel) {
        ChannelHandlerContext first = channel.pipeline().firstContext();
        if (first != null) {
            first.close();
        } else {
            channel.close();
        }
    }

    /** While {@code silent}, swallows incoming ping and close frames so Vert.x neither pongs nor echoes a close. */
    static void swallowControlFramesWhile(Channel channel, BooleanSupplier silent) {
        channel.pipeline().addBefore("handler", "simulator-silence", new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                boolean control = msg instanceof PingWebSocketFrame || msg instanceof CloseWebSocketFrame;
                if (control && silent.getAsBoolean()) {
                    ReferenceCountUtil.release(msg);
                    return;
                }
                ctx.fireChannelRead(msg);
            }
        });
    }
}
