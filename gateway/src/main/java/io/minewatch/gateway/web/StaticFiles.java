package io.minewatch.gateway.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The control-room page and its scripts from the classpath: {@code /} is {@code web/index.html}, {@code /app/...} is
 * {@code web/...}, and {@code /webjars/echarts/...} the ECharts WebJar's files. Open to everyone: the page holds no
 * data, it asks the API after login.
 */
final class StaticFiles {

    private static final Pattern SAFE_PATH = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9_.-]*(/[A-Za-z0-9_-][A-Za-z0-9_.-]*)*");
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "json", "application/json",
            "svg", "image/svg+xml",
            "png", "image/png",
            "ico", "image/x-icon");

    private final ClassLoader loader;
    private final String echartsRoot;
    private final Map<String, Optional<byte[]>> cache = new ConcurrentHashMap<>();

    StaticFiles(ClassLoader loader) {
        this.loader = loader;
        this.echartsRoot = "META-INF/resources/webjars/echarts/" + webJarVersion(loader, "org.webjars", "echarts") + "/";
    }

    /** The file for a request path, or empty when there is none. */
    Optional<ApiResponse> find(String path) {
        String resource;
        if (path.equals("/") || path.equals("/index.html")) {
            resource = "web/index.html";
        } else if (path.startsWith("/app/") && SAFE_PATH.matcher(path.substring(5)).matches()) {
            resource = "web/" + path.substring(5);
        } else if (path.startsWith("/webjars/echarts/") && SAFE_PATH.matcher(path.substring(17)).matches()) {
            resource = echartsRoot + path.substring(17);
        } else {
            return Optional.empty();
        }
        String type = TYPES.get(resource.substring(resource.lastIndexOf('.') + 1));
        if (type == null) {
            return Optional.empty();
        }
        return cache.computeIfAbsent(resource, this::read).map(bytes -> new ApiResponse(
                io.netty.handler.codec.http.HttpResponseStatus.OK, bytes, type, Map.of()));
    }

    private Optional<byte[]> read(String resource) {
        try (InputStream in = loader.getResourceAsStream(resource)) {
            return in == null ? Optional.empty() : Optional.of(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("resource " + resource + " unreadable", e);
        }
    }

    private static String webJarVersion(ClassLoader loader, String group, String artifact) {
        String properties = "META-INF/maven/" + group + "/" + artifact + "/pom.properties";
        try (InputStream in = loader.getResourceAsStream(properties)) {
            if (in == null) {
                throw new IllegalStateException("WebJar " + group + ":" + artifact + " is not on the classpath ("
                        + properties + " missing)");
            }
            Properties pom = new Properties();
            pom.load(in);
            return pom.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(properties + " unreadable", e);
        }
    }
}
