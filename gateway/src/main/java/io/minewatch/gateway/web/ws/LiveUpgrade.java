package io.minewatch.gateway.web.ws;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.minewatch.gateway.auth.Session;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;

/** Turns an authorized request for {@code /ws/live} into a WebSocket connection served by the hub. */
public final class LiveUpgrade {

    public static final String PATH = "/ws/live";
    private static final int MAX_CLIENT_MESSAGE_BYTES = 1 << 20;

    private final LiveHub hub;
    private final LiveFrames frames;
    private final ObjectMapper mapper;

    public LiveUpgrade(LiveHub hub, LiveFrames frames, ObjectMapper mapper) {
        this.hub = hub;
        this.frames = frames;
        this.mapper = mapper;
    }

    /**
     * Replaces the API stage ({@code api}, on the worker group) by the WebSocket stages on the connection's event loop
     * and hands them the request (retained here). Done on the event loop in one go: stages added from another thread
     * finish being added later, and a request fired meanwhile would pass them by.
     */
    public void upgrade(ChannelHandlerContext api, FullHttpRequest request, Session session) {
        FullHttpRequest retained = request.retain();
        ChannelPipeline pipeline = api.pipeline();
        api.channel().eventLoop().execute(() -> {
            pipeline.remove(api.handler());
            pipeline.addLast("ws-protocol", new WebSocketServerProtocolHandler(WebSocketServerProtocolConfig
                    .newBuilder()
                    .websocketPath(PATH)
                    .maxFramePayloadLength(MAX_CLIENT_MESSAGE_BYTES)
                    .handleCloseFrames(true)
                    .dropPongFrames(true)
                    .build()));
            pipeline.addLast("live", new LiveSocketHandler(hub, frames, mapper, session));
            // Fired from the stage before the removed API stage: the first WebSocket stage takes it.
            pipeline.context("aggregate").fireChannelRead(retained);
        });
    }
}
