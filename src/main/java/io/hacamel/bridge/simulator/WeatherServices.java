package io.hacamel.bridge.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

/** weather.get_forecasts, the simulator's service that only works with return_response. */
final class WeatherServices {

    private static final int FORECAST_LENGTH = 5;

    private WeatherServices() {
    }

    static void register(Map<String, ServiceHandler> handlers) {
        handlers.put("weather.get_forecasts", WeatherServices::getForecasts);
    }

    /** {@code {"weather.home": {"forecast": [...]}}}, one entry per targeted weather entity. */
    private static JsonNode getForecasts(ServiceInvocation invocation) {
        String type = invocation.field("type").asText();
        Duration step = type.equals("hourly") ? Duration.ofHours(1)
            : type.equals("twice_daily") ? Duration.ofHours(12) : Duration.ofDays(1);
        ObjectNode response = Json.object();
        for (String id : invocation.targets()) {
            EntityState weather = invocation.state(id);
            double temperature = weather.attributes().path("temperature").asDouble(15);
            ArrayNode forecast = response.putObject(id).putArray("forecast");
            Instant start = Instant.now().truncatedTo(ChronoUnit.HOURS);
            for (int i = 0; i < FORECAST_LENGTH; i++) {
                ObjectNode entry = forecast.addObject()
                    .put("condition", weather.state())
                    .put("datetime", HaTime.format(start.plus(step.multipliedBy(i + 1L))))
                    .put("temperature", temperature + i % 3)
                    .put("precipitation_probability", 10 * i);
                if (!type.equals("hourly")) {
                    entry.put("templow", temperature - 5 + i % 2);
                }
            }
        }
        return response;
    }
}
