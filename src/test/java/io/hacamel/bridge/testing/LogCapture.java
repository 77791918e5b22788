package io.hacamel.bridge.testing;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.logging.log4j.core.config.Property;

/**
 * Every log line written while it is open, with stack traces, from every logger; the bridge's and Camel's loggers
 * are turned up to DEBUG meanwhile, so that a secret in a debug line is caught too.
 */
public final class LogCapture extends AbstractAppender implements AutoCloseable {

    /** The bridge's loggers (log4j2.properties sets io.hacamel.bridge itself, so a parent's level would not reach them). */
    private static final String[] VERBOSE_LOGGERS = {"io.hacamel.bridge", "org.apache.camel"};

    private final List<String> lines = new CopyOnWriteArrayList<>();

    private LogCapture() {
        super("capture", null, null, true, Property.EMPTY_ARRAY);
    }

    public static LogCapture capture() {
        LogCapture capture = new LogCapture();
        capture.start();
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        Configuration configuration = context.getConfiguration();
        configuration.addAppender(capture);
        configuration.getRootLogger().addAppender(capture, Level.ALL, null);
        for (String logger : VERBOSE_LOGGERS) {
            Configurator.setLevel(logger, Level.DEBUG);
        }
        context.updateLoggers();
        return capture;
    }

    @Override
    public void append(LogEvent event) {
        StringBuilder line = new StringBuilder(event.getLevel() + " " + event.getLoggerName() + " - "
                + event.getMessage().getFormattedMessage());
        if (event.getThrown() != null) {
            StringWriter trace = new StringWriter();
            event.getThrown().printStackTrace(new PrintWriter(trace));
            line.append('\n').append(trace);
        }
        lines.add(line.toString());
    }

    public List<String> lines() {
        return lines;
    }

    /** Forgets what was captured so far, e.g. what the tests before wrote. */
    public void clear() {
        lines.clear();
    }

    @Override
    public void close() {
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        context.getConfiguration().getRootLogger().removeAppender(getName());
        Configurator.setLevel("io.hacamel.bridge", Level.INFO);
        Configurator.setLevel("org.apache.camel", Level.WARN);
        context.updateLoggers();
        stop();
    }
}
