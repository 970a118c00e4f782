package io.minewatch.gateway.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.minewatch.gateway.auth.Permission;
import io.minewatch.gateway.auth.Session;
import io.minewatch.gateway.storage.StoreUnavailableException;
import io.minewatch.gateway.web.ws.LiveUpgrade;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves every HTTP request: finds the caller's session, the route, checks the route's permission (401 without a
 * valid session, 403 when the role lacks it), runs the route and maps failures to statuses with a JSON
 * {@code {"status":..,"error":..}}. {@code /ws/live} is upgraded to a WebSocket after the same check; other GET paths
 * outside the API are the page's files.
 */
@Sharable
public final class ApiHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

    private static final Logger LOG = LoggerFactory.getLogger(ApiHandler.class);

    private final Router router;
    private final SessionTokens tokens;
    private final StaticFiles files;
    private final LiveUpgrade live;
    private final ObjectMapper mapper;
    private final StreamedRoutes streams;

    ApiHandler(Router router, SessionTokens tokens, StaticFiles files, LiveUpgrade live, ObjectMapper mapper) {
        this(router, tokens, files, live, mapper, StreamedRoutes.NONE);
    }

    ApiHandler(Router router, SessionTokens tokens, StaticFiles files, LiveUpgrade live, ObjectMapper mapper,
            StreamedRoutes streams) {
        this.streams = streams;
        this.router = router;
        this.tokens = tokens;
        this.files = files;
        this.live = live;
        this.mapper = mapper;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext channel, FullHttpRequest request) {
        if (!request.decoderResult().isSuccess()) {
            write(channel, request, ApiResponse.error(mapper, HttpResponseStatus.BAD_REQUEST,
                    "request : unreadable (" + request.decoderResult().cause() + ")"), false);
            return;
        }
        QueryStringDecoder uri = new QueryStringDecoder(request.uri());
        if (uri.path().equals(LiveUpgrade.PATH)) {
            upgradeOrRefuse(channel, request);
            return;
        }
        Permission streamed = streams.paths().get(uri.path());
        if (streamed != null) {
            Optional<Session> session = tokens.find(request.headers());
            if (session.isEmpty()) {
                write(channel, request, unauthorized(), HttpUtil.isKeepAlive(request));
            } else if (!session.get().allows(streamed)) {
                write(channel, request, forbidden(session.get(), streamed), HttpUtil.isKeepAlive(request));
            } else {
                streams.handle(channel.channel(), request);
            }
            return;
        }
        ApiResponse response = serve(request, uri, isLoopback(channel.channel().remoteAddress()));
        write(channel, request, response, HttpUtil.isKeepAlive(request));
    }

    private void upgradeOrRefuse(ChannelHandlerContext channel, FullHttpRequest request) {
        Optional<Session> session = tokens.find(request.headers());
        ApiResponse refusal = null;
        if (session.isEmpty()) {
            refusal = unauthorized();
        } else if (!session.get().allows(Permission.VIEW_ALARMS)) {
            refusal = forbidden(session.get(), Permission.VIEW_ALARMS);
        } else if (!sameOrigin(request)) {
            // A page of another site must not open the stream with the operator's cookie (cross-site WebSocket).
            refusal = ApiResponse.error(mapper, HttpResponseStatus.FORBIDDEN, "Origin : "
                    + request.headers().get(HttpHeaderNames.ORIGIN) + " (expected: this gateway's own page)");
        } else if (!request.headers().containsValue(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET, true)) {
            refusal = ApiResponse.error(mapper, HttpResponseStatus.BAD_REQUEST,
                    "Upgrade : missing (expected: a WebSocket handshake for " + LiveUpgrade.PATH + ")");
        }
        if (refusal != null) {
            write(channel, request, refusal, false);
        } else {
            live.upgrade(channel, request, session.get());
        }
    }

    ApiResponse serve(FullHttpRequest request, QueryStringDecoder uri, boolean loopback) {
        String path = uri.path();
        HttpMethod method = request.method();
        try {
            Router.Match match = router.match(method, path);
            if (match instanceof Router.NotFound) {
                if (HttpMethod.GET.equals(method) || HttpMethod.HEAD.equals(method)) {
                    Optional<ApiResponse> file = files.find(path);
                    if (file.isPresent()) {
                        return file.get();
                    }
                }
                return ApiResponse.error(mapper, HttpResponseStatus.NOT_FOUND, "path : " + path
                        + " (expected: one of the routes of /api/openapi.json)");
            }
            if (match instanceof Router.WrongMethod wrong) {
                return ApiResponse.error(mapper, HttpResponseStatus.METHOD_NOT_ALLOWED, "method : " + method + " "
                        + path + " (expected: " + String.join(" or ", wrong.allowed()) + ")")
                        .withHeader("Allow", String.join(", ", wrong.allowed()));
            }
            Router.Found found = (Router.Found) match;
            Route route = found.route();
            Optional<Session> session = tokens.find(request.headers());
            if (route.permission() != null && !(route.openOnLoopback() && loopback)) {
                if (session.isEmpty()) {
                    return unauthorized();
                }
                if (!session.get().allows(route.permission())) {
                    return forbidden(session.get(), route.permission());
                }
            }
            ApiRequest apiRequest = new ApiRequest(method, path, new QueryParams(uri), found.variables(),
                    request.headers(), ByteBufUtil.getBytes(request.content()), session, loopback, mapper);
            return route.handler().handle(apiRequest);
        } catch (ApiException e) {
            return ApiResponse.error(mapper, e.status(), e.getMessage());
        } catch (StoreUnavailableException e) {
            return ApiResponse.error(mapper, HttpResponseStatus.SERVICE_UNAVAILABLE,
                    "store unavailable: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ApiResponse.error(mapper, HttpResponseStatus.SERVICE_UNAVAILABLE, "gateway stopping");
        } catch (Exception e) {
            LOG.error("HTTP {} {} failed", method, path, e);
            return ApiResponse.error(mapper, HttpResponseStatus.INTERNAL_SERVER_ERROR, "internal error: " + e);
        }
    }

    private ApiResponse unauthorized() {
        return ApiResponse.error(mapper, HttpResponseStatus.UNAUTHORIZED,
                "session : missing or expired (expected: log in with POST /api/login, then send the token as"
                        + " Authorization: Bearer TOKEN or the minewatch_session cookie)")
                .withHeader("WWW-Authenticate", "Bearer realm=\"minewatch\"");
    }

    private ApiResponse forbidden(Session session, Permission permission) {
        return ApiResponse.error(mapper, HttpResponseStatus.FORBIDDEN, "role : " + session.role().id()
                + " (expected: a role allowed " + permission.name().toLowerCase() + ")");
    }

    /** No Origin (not a browser), or one naming the host the request was sent to. */
    private static boolean sameOrigin(FullHttpRequest request) {
        String origin = request.headers().get(HttpHeaderNames.ORIGIN);
        String host = request.headers().get(HttpHeaderNames.HOST);
        if (origin == null) {
            return true;
        }
        int scheme = origin.indexOf("://");
        return host != null && scheme > 0 && origin.substring(scheme + 3).equalsIgnoreCase(host);
    }

    private static boolean isLoopback(SocketAddress address) {
        return address instanceof InetSocketAddress inet && inet.getAddress() != null
                && inet.getAddress().isLoopbackAddress();
    }

    private static void write(ChannelHandlerContext channel, FullHttpRequest request, ApiResponse answer,
            boolean keepAlive) {
        boolean head = HttpMethod.HEAD.equals(request.method());
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, answer.status(),
                head ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(answer.body()));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, answer.contentType());
        response.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-store");
        response.headers().set("X-Content-Type-Options", "nosniff");
        for (Map.Entry<String, String> header : answer.headers().entrySet()) {
            response.headers().add(header.getKey(), header.getValue());
        }
        HttpUtil.setContentLength(response, answer.body().length);
        if (keepAlive) {
            HttpUtil.setKeepAlive(response, true);
            channel.writeAndFlush(response);
        } else {
            channel.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        }
    }
}
