package dev.hexatask.rest;

import dev.hexatask.rest.http.HttpResponse;
import dev.hexatask.rest.routing.QueryParameters;
import dev.hexatask.rest.routing.Route;
import dev.hexatask.rest.routing.Router;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class RouterTest {

    private static final Router ROUTER = new Router(List.of(
            route("GET", "/tasks/summary"), route("GET", "/tasks/{id}"), route("DELETE", "/tasks/{id}")));

    private static Route route(String method, String template) {
        return new Route(method, template, true, QueryParameters.NONE, exchange -> HttpResponse.of(204));
    }

    @Test
    void aLiteralSegmentWinsOverAParameter() {
        assertThat(ROUTER.match("GET", "/tasks/summary")).isInstanceOfSatisfying(Router.Match.Found.class,
                found -> assertThat(found.route().template()).isEqualTo("/tasks/summary"));
    }

    @Test
    void segmentsAreDecodedOneByOneAfterSplitting() {
        assertThat(ROUTER.match("GET", "/tasks/a%2Fb%20c%E2%9C%93")).isInstanceOfSatisfying(
                Router.Match.Found.class,
                found -> assertThat(found.pathParameters()).isEqualTo(Map.of("id", "a/b c✓")));
        assertThat(ROUTER.match("GET", "/tasks/✓")).isInstanceOfSatisfying(Router.Match.Found.class,
                found -> assertThat(found.pathParameters()).isEqualTo(Map.of("id", "✓")));
    }

    @Test
    void badEncodingEmptySegmentsAndRelativePathsMatchNothing() {
        for (String path : List.of("/tasks/%", "/tasks/%zz", "/tasks/%C3", "/tasks/%C0%AF", "/tasks/", "tasks/x",
                "/tasks//x", "")) {
            assertThat(ROUTER.match("GET", path)).as(path).isInstanceOf(Router.Match.NoRoute.class);
        }
    }

    @Test
    void everySegmentCountsAndEachParameterGetsItsOwnSegment() {
        Router router = new Router(List.of(route("GET", "/"), route("GET", "/health"),
                route("GET", "/tasks/{id}/notes/{note}"), route("GET", "/tasks/{id}/notes")));
        assertThat(router.match("GET", "/")).isInstanceOfSatisfying(Router.Match.Found.class, found -> {
            assertThat(found.route().template()).isEqualTo("/");
            assertThat(found.pathParameters()).isEmpty();
        });
        assertThat(router.match("GET", "/health")).isInstanceOfSatisfying(Router.Match.Found.class,
                found -> assertThat(found.pathParameters()).isEmpty());
        assertThat(router.match("GET", "/tasks/a%20b/notes/7")).isInstanceOfSatisfying(Router.Match.Found.class,
                found -> assertThat(found.pathParameters()).isEqualTo(Map.of("id", "a b", "note", "7")));
        assertThat(router.match("GET", "/tasks/1/notes")).isInstanceOfSatisfying(Router.Match.Found.class,
                found -> assertThat(found.route().template()).isEqualTo("/tasks/{id}/notes"));
        for (String path : List.of("/health/", "//health", "/tasks/1/notes/", "/tasks/1/notes/7/8", "/healthy",
                "/tasks/1/notes/%2", "/%68ealth/x")) {
            assertThat(router.match("GET", path)).as(path).isInstanceOf(Router.Match.NoRoute.class);
        }
        assertThat(router.match("GET", "/%68ealth")).as("an encoded literal").isInstanceOf(Router.Match.Found.class);
    }

    @Test
    void anotherMethodOnAKnownPathListsTheAllowedOnes() {
        assertThat(ROUTER.match("PUT", "/tasks/1")).isEqualTo(
                new Router.Match.WrongMethod("/tasks/{id}", Set.of("GET", "DELETE")));
    }
}
