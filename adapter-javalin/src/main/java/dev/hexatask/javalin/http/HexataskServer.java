package dev.hexatask.javalin.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.hexatask.javalin.config.ServerConfig;
import dev.hexatask.rest.RestApi;
import dev.hexatask.rest.policy.EdgeResponses;
import io.javalin.Javalin;
import io.javalin.compression.CompressionStrategy;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import io.javalin.util.JavalinBindException;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The HTTP server: the API under {@code /api} (through {@link ApiBridge}), its OpenAPI document and docs page, the
 * frontend's {@code /config.json}, and the built frontend at {@code /}. Requests run on virtual threads; stopping
 * lets requests in flight finish (up to {@link #STOP_TIMEOUT}) before the listener closes.
 */
public final class HexataskServer implements AutoCloseable {

    public static final String API_PREFIX = "/api";
    public static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);
    static final String SWAGGER_UI_VERSION = "5.34.1";
    static final String SCOPES = "openid email profile hexatask/api";

    private static final List<HandlerType> API_METHODS = List.of(HandlerType.GET, HandlerType.POST, HandlerType.PUT,
            HandlerType.PATCH, HandlerType.DELETE, HandlerType.HEAD, HandlerType.OPTIONS, HandlerType.QUERY,
            HandlerType.TRACE);

    private static final Map<String, String> SWAGGER_UI_FILES = Map.of(
            "swagger-ui.css", "text/css; charset=utf-8",
            "swagger-ui-bundle.js", "text/javascript; charset=utf-8",
            "swagger-ui-standalone-preset.js", "text/javascript; charset=utf-8",
            "favicon-32x32.png", "image/png");

    private final Javalin javalin;

    private HexataskServer(Javalin javalin) {
        this.javalin = javalin;
    }

    /** Starts listening on the configured port (0: any free port) and returns once requests are served. */
    public static HexataskServer start(RestApi api, ServerConfig config, String host) {
        return start(api, config, host, HttpTimeouts.DEFAULT);
    }

    /** As {@link #start(RestApi, ServerConfig, String)}, waiting on clients as {@code timeouts} says. */
    public static HexataskServer start(RestApi api, ServerConfig config, String host, HttpTimeouts timeouts) {
        EdgeResponses edge = config.rest().edgeResponses();
        ApiBridge bridge = new ApiBridge(api, edge, API_PREFIX);
        Responses responses = new Responses(edge);
        byte[] openApi = openApiDocument();
        byte[] configJson = configJson(config);
        FrontendFiles frontend = new FrontendFiles(config.frontendDirectory(), SecurityHeaders.forApp(
                URI.create(config.publicUrl() + API_PREFIX), URI.create(config.jwt().issuer())), responses);
        Javalin javalin = Javalin.create(javalinConfig -> {
            javalinConfig.startup.showJavalinBanner = false;
            javalinConfig.startup.showOldJavalinVersionWarning = false;
            javalinConfig.concurrency.useVirtualThreads = true;
            javalinConfig.http.compressionStrategy = CompressionStrategy.NONE;
            // The one connector, made here so that every connection it accepts is watched for request heads sent
            // too slowly.
            javalinConfig.jetty.addConnector((server, http) -> {
                ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
                connector.setHost(host);
                connector.setPort(config.port());
                connector.setIdleTimeout(timeouts.idle().toMillis());
                connector.addEventListener(new SlowRequestGuard(connector.getScheduler(), timeouts.requestHead()));
                return connector;
            });
            javalinConfig.jetty.modifyHttpConfiguration(http -> {
                http.setSendServerVersion(false);
                http.setSendXPoweredBy(false);
                http.setIdleTimeout(timeouts.idle().toMillis());
                // Paths reach the router as sent (%2e%2e, %2f, %00, //, a backslash): the API matches raw segments
                // and answers 404 or 400 with its own problem, as over every transport. Only a malformed escape
                // (%zz) Jetty still refuses, with 400, while parsing the request line. Nothing here maps a decoded
                // path to a file except FrontendFiles, which normalises and confines it.
                http.setUriCompliance(UriCompliance.UNSAFE.with("hexatask",
                        UriCompliance.Violation.BAD_PERCENT_ENCODING));
            });
            javalinConfig.jetty.modifyServer(server -> {
                server.setStopTimeout(STOP_TIMEOUT.toMillis());
                server.setErrorHandler(new ProblemErrorHandler(edge));
                server.setHandler(new GracefulHandler());
            });

            var routes = javalinConfig.routes;
            routes.get(API_PREFIX + "/openapi.yaml", ctx -> sendBytes(ctx, "application/yaml; charset=utf-8",
                    "no-cache", openApi));
            routes.get(API_PREFIX + "/docs", ctx -> sendBytes(ctx, "text/html; charset=utf-8", "no-cache",
                    DOCS_PAGE.getBytes(StandardCharsets.UTF_8)));
            routes.get(API_PREFIX + "/docs/{file}", ctx -> swaggerUiFile(ctx, responses));
            for (HandlerType method : API_METHODS) {
                routes.addHttpHandler(method, API_PREFIX, bridge::handle);
                routes.addHttpHandler(method, API_PREFIX + "/*", bridge::handle);
            }
            routes.get("/config.json", ctx -> sendBytes(ctx, "application/json", "no-cache", configJson));
            Handler outsideApi = ctx -> {
                if (frontend.present()) {
                    frontend.handle(ctx);
                } else if (ctx.path().equals("/")) {
                    sendBytes(ctx, "text/html; charset=utf-8", "no-cache",
                            NO_FRONTEND_PAGE.getBytes(StandardCharsets.UTF_8));
                } else {
                    responses.problem(ctx, 404, "There is nothing at this path; the API is under /api.");
                }
            };
            routes.get("/*", outsideApi);
            routes.addHttpHandler(HandlerType.HEAD, "/*", outsideApi);
            for (HandlerType method : API_METHODS) {
                if (method != HandlerType.GET && method != HandlerType.HEAD) {
                    routes.addHttpHandler(method, "/*", ctx -> responses.problem(ctx, 404,
                            "There is nothing at this path; the API is under /api."));
                }
            }
        });
        try {
            javalin.start();
        } catch (JavalinBindException e) {
            throw new CannotListenException(host, config.port(), e);
        }
        return new HexataskServer(javalin);
    }

    public int port() {
        return javalin.port();
    }

    /** The server's root, such as {@code http://localhost:8080}. */
    public URI baseUri() {
        String host = javalin.jettyServer().server().getConnectors().length > 0
                && javalin.jettyServer().server().getConnectors()[0] instanceof ServerConnector connector
                && connector.getHost() != null && !connector.getHost().equals("0.0.0.0") ? connector.getHost()
                : "localhost";
        return URI.create("http://" + (host.equals("127.0.0.1") ? "localhost" : host) + ":" + port());
    }

    /** Stops accepting connections, lets requests in flight finish, then returns. */
    @Override
    public void close() {
        javalin.stop();
    }

    /** Swagger UI's files from its webjar, named one by one so that nothing else on the class path is served. */
    private static void swaggerUiFile(Context ctx, Responses responses) throws IOException {
        String file = ctx.pathParam("file");
        String type = SWAGGER_UI_FILES.get(file);
        if (type == null) {
            responses.problem(ctx, 404, "There is no such file of the docs page.");
            return;
        }
        try (InputStream in = Objects.requireNonNull(HexataskServer.class.getResourceAsStream(
                "/META-INF/resources/webjars/swagger-ui/" + SWAGGER_UI_VERSION + "/" + file), file)) {
            sendBytes(ctx, type, "public, max-age=86400", in.readAllBytes());
        }
    }

    private static void sendBytes(Context ctx, String contentType, String cacheControl, byte[] body) {
        ctx.status(200);
        ctx.header("Content-Type", contentType);
        ctx.header("Cache-Control", cacheControl);
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.result(body);
    }

    /**
     * adapter-rest's document with one {@code servers} entry, this server's {@code /api}: the document's own
     * {@code /} would send "Try it out" to the host's root. Parsed and written again (Jackson's YAML), so that the
     * entry is set as data, whatever the document's layout.
     */
    static byte[] openApiDocument() {
        try (InputStream in = Objects.requireNonNull(RestApi.class.getResourceAsStream("/openapi.yaml"),
                "openapi.yaml is missing from adapter-rest")) {
            YAMLMapper yaml = YAMLMapper.builder().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                    .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES).build();
            ObjectNode document = (ObjectNode) yaml.readTree(in);
            ObjectNode server = yaml.createObjectNode().put("url", API_PREFIX)
                    .put("description", "This server's API.");
            document.set("servers", yaml.createArrayNode().add(server));
            return yaml.writeValueAsBytes(document);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read openapi.yaml", e);
        }
    }

    /** What the frontend reads at start: the same shape locally and in AWS. */
    static byte[] configJson(ServerConfig config) {
        ObjectMapper json = new ObjectMapper();
        ObjectNode root = json.createObjectNode();
        root.put("apiBaseUrl", config.publicUrl() + API_PREFIX);
        root.put("region", config.region());
        ObjectNode auth = root.putObject("auth");
        auth.put("authority", config.jwt().issuer());
        auth.put("clientId", config.jwt().clientIds().stream().sorted().findFirst().orElseThrow());
        auth.put("scopes", SCOPES);
        auth.put("managedLoginDomain", config.managedLoginDomain().map(URI::toString).orElse(null));
        try {
            return json.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final String DOCS_PAGE = """
            <!doctype html>
            <html lang="en">
            <head>
              <meta charset="utf-8">
              <title>Hexatask API</title>
              <link rel="stylesheet" href="/api/docs/swagger-ui.css">
            </head>
            <body>
              <div id="swagger-ui"></div>
              <script src="/api/docs/swagger-ui-bundle.js"></script>
              <script src="/api/docs/swagger-ui-standalone-preset.js"></script>
              <script>
                window.ui = SwaggerUIBundle({
                  url: "/api/openapi.yaml",
                  dom_id: "#swagger-ui",
                  presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
                  layout: "StandaloneLayout"
                });
              </script>
            </body>
            </html>
            """;

    private static final String NO_FRONTEND_PAGE = """
            <!doctype html>
            <html lang="en">
            <head><meta charset="utf-8"><title>Hexatask</title></head>
            <body>
              <h1>Hexatask</h1>
              <p>The API is at <a href="/api/health">/api</a>, its documentation at <a href="/api/docs">/api/docs</a>.</p>
              <p>No frontend is built yet: build it into <code>frontend/dist</code> and it is served here.</p>
            </body>
            </html>
            """;
}
