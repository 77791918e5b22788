package io.hacamel.bridge.simulator;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * render_template ({@code handle_render_template}): a template that fails to compile or to render at first is a
 * template_error; otherwise the result null, then an event with the typed result and what it listens to, and again
 * whenever a change makes the result differ, until unsubscribe_events.
 */
final class RenderTemplateCommand {

    private RenderTemplateCommand() {
    }

    static void register() {
        Commands.register("render_template", Schema.strict()
            .required("template", Validators.STR)
            .optional("entity_ids", Validators.entityIdList(false))
            .optional("variables", Validators.DICT)
            .optional("timeout", Validators.coerceFloat(null, null))
            .optional("strict", Validators.BOOL), RenderTemplateCommand::handle);
    }

    private static void handle(CommandRequest request) {
        ObjectNode message = request.message();
        HaTemplate template;
        try {
            template = HaTemplate.compile(message.get("template").textValue());
        } catch (TemplateException e) {
            request.error("template_error", e.getMessage());
            return;
        }
        new TemplateSubscription(request, template, PyJson.variables(message.get("variables")),
            message.path("strict").asBoolean(false)).start();
    }
}
