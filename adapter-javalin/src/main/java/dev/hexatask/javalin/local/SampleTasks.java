package dev.hexatask.javalin.local;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

/**
 * A handful of tasks for the user {@code demo}, created through the API like any client's (so every rule
 * applies), and only when {@code demo} has none yet.
 */
final class SampleTasks {

    static final String USER = "demo";

    private SampleTasks() {
    }

    /** @return how many tasks were created (0 when demo already had some) */
    static int load(String apiUrl, String accessToken) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        String authorization = "Bearer " + accessToken;
        HttpResponse<String> existing = http.send(HttpRequest.newBuilder(URI.create(apiUrl + "/tasks?limit=1"))
                .header("Authorization", authorization).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (existing.statusCode() != 200) {
            throw new IOException("listing demo's tasks answered " + existing.statusCode());
        }
        if (!new ObjectMapper().readTree(existing.body()).path("items").isEmpty()) {
            return 0;
        }
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        List<String> tasks = List.of(
                "{\"title\":\"Try the API docs at /api/docs\",\"priority\":\"HIGH\",\"tags\":[\"getting-started\"]}",
                "{\"title\":\"Write the quarterly report\",\"description\":\"Numbers from finance first.\","
                        + "\"priority\":\"HIGH\",\"dueDate\":\"" + today.plusDays(3) + "\",\"tags\":[\"work\"]}",
                "{\"title\":\"Renew the passport\",\"priority\":\"MEDIUM\",\"dueDate\":\"" + today.minusDays(2)
                        + "\",\"tags\":[\"personal\"]}",
                "{\"title\":\"Book the dentist\",\"status\":\"IN_PROGRESS\",\"priority\":\"LOW\","
                        + "\"tags\":[\"personal\",\"health\"]}",
                "{\"title\":\"Read 'Designing Data-Intensive Applications'\",\"status\":\"DONE\","
                        + "\"priority\":\"LOW\",\"tags\":[\"reading\"]}");
        int created = 0;
        for (String task : tasks) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(apiUrl + "/tasks"))
                    .header("Authorization", authorization).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(task)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 201) {
                throw new IOException("creating a sample task answered " + response.statusCode() + ": "
                        + response.body());
            }
            created++;
        }
        return created;
    }
}
