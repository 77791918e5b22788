package io.hacamel.bridge.mqtt;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Properties;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The user name and password the embedded broker asks for, generated at its first start and kept in a file only the
 * bridge's user may read: {@code username=…} and {@code password=…} lines, which a shell can source as well as Java
 * read ({@code (. data/mqtt-broker.credentials && mosquitto_sub -u "$username" -P "$password" …)}). Neither value is
 * ever logged.
 */
public record BrokerCredentials(String username, String password) {

    private static final Logger LOG = LoggerFactory.getLogger(BrokerCredentials.class);
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final SecureRandom RANDOM = new SecureRandom();

    /** The credentials in {@code file}; made (with owner-only permissions) when it does not exist yet. */
    public static BrokerCredentials loadOrCreate(Path file) {
        try {
            if (!Files.exists(file)) {
                try {
                    return create(file);
                } catch (FileAlreadyExistsException e) {
                    // another process made it meanwhile: read what it wrote
                }
            }
            return load(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the embedded MQTT broker's credentials file " + file
                    + " (mqtt.embedded.credentials-file): " + e.getMessage(), e);
        }
    }

    /** Not the values: a record's own toString would print the password. */
    @Override
    public String toString() {
        return "BrokerCredentials[username=****, password=****]";
    }

    private static BrokerCredentials create(Path file) throws IOException {
        BrokerCredentials credentials = new BrokerCredentials("bridge-" + random(4), random(24));
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        FileAttribute<?>[] ownerOnly = posix(file) ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(
                OWNER_ONLY)} : new FileAttribute<?>[0];
        Files.createFile(file, ownerOnly);
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING)) {
            out.write("# The embedded MQTT broker's user, made by ha-camel-bridge at its first start. Delete this file "
                    + "to get new ones at the next start.\n");
            out.write("username=" + credentials.username + "\npassword=" + credentials.password + "\n");
        }
        LOG.info("Generated the embedded MQTT broker's user name and password in {} (readable by this user only)",
                file.toAbsolutePath().normalize());
        return credentials;
    }

    private static BrokerCredentials load(Path file) throws IOException {
        if (posix(file) && !OWNER_ONLY.containsAll(Files.getPosixFilePermissions(file))) {
            Files.setPosixFilePermissions(file, OWNER_ONLY);
            LOG.warn("{} was readable by other users; it is now readable by its owner only", file);
        }
        Properties values = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            values.load(in);
        }
        String username = values.getProperty("username", "").trim();
        String password = values.getProperty("password", "").trim();
        if (username.isEmpty() || password.isEmpty()) {
            throw new IOException("it needs a username= and a password= line; delete it to get new ones");
        }
        return new BrokerCredentials(username, password);
    }

    private static boolean posix(Path file) {
        Path directory = file.toAbsolutePath().getParent();
        return directory.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    /** Hex, so that the file is a shell script too and the values need no quoting anywhere. */
    private static String random(int bytes) {
        byte[] value = new byte[bytes];
        RANDOM.nextBytes(value);
        return HexFormat.of().formatHex(value);
    }
}
