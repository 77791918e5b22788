package io.hacamel.bridge.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/** input_number.set_value / increment / decrement, with input_number's range check. */
final class HelperServices {

    private HelperServices() {
    }

    static void register(Map<String, ServiceHandler> handlers) {
        handlers.put("input_number.set_value", invocation -> setEach(invocation, 0));
        handlers.put("input_number.increment", invocation -> setEach(invocation, 1));
        handlers.put("input_number.decrement", invocation -> setEach(invocation, -1));
    }

    /** @param steps 0 to set the call's value, else the number of steps to move */
    private static JsonNode setEach(ServiceInvocation invocation, int steps) throws ServiceException {
        for (String id : invocation.targets()) {
            EntityState current = invocation.state(id);
            double min = current.attributes().path("min").asDouble(0);
            double max = current.attributes().path("max").asDouble(100);
            double value = steps == 0
                ? invocation.field("value").asDouble()
                : Double.parseDouble(current.state()) + steps * current.attributes().path("step").asDouble(1);
            if (value < min || value > max) {
                // input_number raises vol.Invalid, which call_service reports as invalid_format
                throw ServiceException.invalidFormat("Invalid value for " + id + ": " + PythonRepr.pythonFloat(value)
                    + " (range " + PythonRepr.pythonFloat(min) + " - " + PythonRepr.pythonFloat(max) + ")");
            }
            invocation.setState(id, PythonRepr.pythonFloat(value));
        }
        return null;
    }
}
