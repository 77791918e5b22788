package io.hacamel.bridge.simulator;

/** config/area_registry/list, config/entity_registry/list and config/device_registry/list. */
final class RegistryCommands {

    private RegistryCommands() {
    }

    static void register() {
        Commands.register("config/area_registry/list", Schema.strict(),
            request -> request.result(request.home().areasJson()));
        Commands.register("config/entity_registry/list", Schema.strict(),
            request -> request.result(request.home().entityRegistryJson()));
        Commands.register("config/device_registry/list", Schema.strict(),
            request -> request.result(request.home().devicesJson()));
    }
}
