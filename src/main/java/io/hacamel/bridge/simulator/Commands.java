package io.hacamel.bridge.simulator;

import java.util.HashMap;
import java.util.Map;

/** The websocket commands the simulator answers, by type, each with its schema. */
final class Commands {

    @FunctionalInterface
    interface Handler {
        void handle(CommandRequest request);
    }

    /** A command's handler and its full message schema ({@code BASE_COMMAND_MESSAGE_SCHEMA} extended). */
    record Command(Schema schema, Handler handler) {
    }

    private static final Schema BASE = Schema.strict()
        .required("id", Validators.POSITIVE_INT)
        .required("type", Validators.ANY);

    private static final Map<String, Command> COMMANDS = new HashMap<>();

    static {
        CoreCommands.register();
        SubscriptionCommands.register();
        CallServiceCommand.register();
        RegistryCommands.register();
        RenderTemplateCommand.register();
        SubscribeTriggerCommand.register();
    }

    private Commands() {
    }

    /** Registers a command whose messages may hold the keys of {@code fields} besides id and type. */
    static void register(String type, Schema fields, Handler handler) {
        COMMANDS.put(type, new Command(BASE.extend(fields), handler));
    }

    static Command find(String type) {
        return COMMANDS.get(type);
    }
}
