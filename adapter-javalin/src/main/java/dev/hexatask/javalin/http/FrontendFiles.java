package dev.hexatask.javalin.http;

import io.javalin.http.Context;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The built single-page app: files as they are, {@code index.html} for any other path so that the app's own router
 * can show it. Vite names the files under {@code /assets/} by their content's hash, so they may be cached for a year;
 * {@code index.html}, which names them, must be revalidated every time. Every file goes out with the security
 * headers CloudFront would add in AWS.
 */
public final class FrontendFiles {

    static final String ASSETS_CACHE = "public, max-age=31536000, immutable";
    static final String REVALIDATE = "no-cache";

    private static final Map<String, String> TYPES = Map.ofEntries(
            Map.entry("html", "text/html; charset=utf-8"),
            Map.entry("js", "text/javascript; charset=utf-8"),
            Map.entry("mjs", "text/javascript; charset=utf-8"),
            Map.entry("css", "text/css; charset=utf-8"),
            Map.entry("json", "application/json"),
            Map.entry("map", "application/json"),
            Map.entry("svg", "image/svg+xml"),
            Map.entry("png", "image/png"),
            Map.entry("jpg", "image/jpeg"),
            Map.entry("jpeg", "image/jpeg"),
            Map.entry("gif", "image/gif"),
            Map.entry("webp", "image/webp"),
            Map.entry("ico", "image/x-icon"),
            Map.entry("txt", "text/plain; charset=utf-8"),
            Map.entry("webmanifest", "application/manifest+json"),
            Map.entry("woff", "font/woff"),
            Map.entry("woff2", "font/woff2"));

    private final Path root;
    private final SecurityHeaders securityHeaders;
    private final Responses responses;

    FrontendFiles(Path root, SecurityHeaders securityHeaders, Responses responses) {
        this.root = root.toAbsolutePath().normalize();
        this.securityHeaders = securityHeaders;
        this.responses = responses;
    }

    /** Whether a built frontend is there to serve. */
    public boolean present() {
        return Files.isRegularFile(root.resolve("index.html"));
    }

    public Path root() {
        return root;
    }

    public void handle(Context ctx) throws IOException {
        Optional<Path> file = resolve(ctx.path());
        if (file.isPresent()) {
            boolean hashed = root.relativize(file.get()).startsWith("assets");
            send(ctx, file.get(), hashed ? ASSETS_CACHE : REVALIDATE);
        } else if (ctx.path().startsWith("/assets/")) {
            // A missing asset must not turn into the page: the browser would run HTML as a script.
            responses.problem(ctx, 404, "There is no such file in the frontend.");
        } else {
            send(ctx, root.resolve("index.html"), REVALIDATE);
        }
    }

    /** The file a decoded URL path names, only if it lies inside the root and is a regular file. */
    private Optional<Path> resolve(String urlPath) {
        if (urlPath.indexOf('\0') >= 0 || urlPath.contains("\\")) {
            return Optional.empty();
        }
        try {
            Path candidate = root.resolve(urlPath.replaceFirst("^/+", "")).normalize();
            return candidate.startsWith(root) && !candidate.equals(root) && Files.isRegularFile(candidate)
                    ? Optional.of(candidate) : Optional.empty();
        } catch (InvalidPathException e) {
            return Optional.empty();
        }
    }

    private void send(Context ctx, Path file, String cacheControl) throws IOException {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String extension = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
        ctx.status(200);
        ctx.header("Content-Type", TYPES.getOrDefault(extension, "application/octet-stream"));
        ctx.header("Cache-Control", cacheControl);
        securityHeaders.applyTo(ctx);
        ctx.result(Files.readAllBytes(file));
    }
}
