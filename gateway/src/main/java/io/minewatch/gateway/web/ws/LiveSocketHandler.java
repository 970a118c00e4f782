package io.minewatch.gateway.web.ws;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.minewatch.gateway.auth.Session;
import io.minewatch.gateway.web.BadRequestException;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import java.io.IOException;
import java.net.SocketException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One live client's messages: registers it with the hub once the handshake is done, then reads subscriptions. */
public final class LiveSocketHandler extends SimpleChannelInboundHandler<WebSocketFrame> {

    private static final Logger LOG = LoggerFactory.getLogger(LiveSocketHandler.class);

    private final LiveHub hub;
    private final LiveFrames frames;
    private final ObjectMapper mapper;
    private final Session session;

    public LiveSocketHandler(LiveHub hub, LiveFrames frames, ObjectMapper mapper, Session session) {
        this.hub = hub;
        this.frames = frames;
        this.mapper = mapper;
        this.session = session;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (event instanceof WebSocketServerProtocolHandler.HandshakeComplete) {
            LOG.info("Live client {} connected as {} ({})", ctx.channel().remoteAddress(), session.user(),
                    session.role().id());
            hub.register(ctx.channel(), session);
        }
        super.userEventTriggered(ctx, event);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
        if (!(frame instanceof TextWebSocketFrame text)) {
            ctx.writeAndFlush(frames.error("frame : binary (expected: text with a JSON subscribe message)"));
            return;
        }
        try {
            hub.subscribe(ctx.channel(), Subscription.parse(mapper.readTree(text.text())));
        } catch (JsonProcessingException e) {
            ctx.writeAndFlush(frames.error("message : not JSON (expected: {\"type\":\"subscribe\",\"sites\":[...]})"));
        } catch (BadRequestException e) {
            ctx.writeAndFlush(frames.error(e.getMessage()));
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof SocketException || (cause instanceof IOException
                && String.valueOf(cause.getMessage()).contains("reset"))) {
            LOG.debug("Live client {} connection lost: {}", ctx.channel().remoteAddress(), cause.toString());
        } else {
            LOG.warn("Live client {} failed; closing it", ctx.channel().remoteAddress(), cause);
        }
        ctx.close();
    }
}
