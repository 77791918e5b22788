package io.hacamel.bridge.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Set;

/**
 * A secret the bridge generates on its first start and keeps in a file of the data directory, readable and writable by
 * its owner only (0600, in a directory the bridge creates as 0700). Later starts read it back, so the secret stays the
 * same until the file is deleted. The secret itself is never logged: callers log the file's path.
 */
public final class SecretFile {

    /** What was found: the secret, whether it was generated just now, and whether others may read the file. */
    public record Secret(String value, boolean generated, boolean readableByOthers) {
        @Override
        public String toString() {
            return "Secret[generated=" + generated + "]"; // never the value, even in a debugger's or a log's view
        }
    }

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int BYTES = 32;
    private static final Set<PosixFilePermission> OWNER_ONLY_FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_ONLY_DIRECTORY = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> OTHERS = EnumSet.of(PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE);

    private SecretFile() {
    }

    /** The secret in {@code file}; a new random one (256 bits, base64url) when the file is missing or empty. */
    public static Secret readOrCreate(Path file) throws IOException {
        String existing = read(file);
        if (existing != null && !existing.isEmpty()) {
            return new Secret(existing, false, readableByOthers(file));
        }
        createDirectories(file.toAbsolutePath().getParent());
        String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes());
        try {
            Files.writeString(create(file), secret + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.TRUNCATE_EXISTING);
        } catch (FileAlreadyExistsException e) {
            return readOrCreate(file); // another start was quicker
        }
        return new Secret(secret, true, false);
    }

    private static String read(Path file) throws IOException {
        return Files.isRegularFile(file) ? Files.readString(file, StandardCharsets.UTF_8).trim() : null;
    }

    /** The file, created owner-only from the start (never created and then narrowed), or the empty one found. */
    private static Path create(Path file) throws IOException {
        if (Files.exists(file)) {
            return file;
        }
        return Files.createFile(file, ownerOnly(file, OWNER_ONLY_FILE));
    }

    private static void createDirectories(Path directory) throws IOException {
        if (directory == null || Files.isDirectory(directory)) {
            return;
        }
        createDirectories(directory.getParent());
        try {
            Files.createDirectory(directory, ownerOnly(directory, OWNER_ONLY_DIRECTORY));
        } catch (FileAlreadyExistsException e) {
            // made meanwhile
        }
    }

    private static FileAttribute<?>[] ownerOnly(Path path, Set<PosixFilePermission> permissions) {
        boolean posix = path.getFileSystem().supportedFileAttributeViews().contains("posix");
        return posix ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(permissions)}
                : new FileAttribute<?>[0];
    }

    private static boolean readableByOthers(Path file) throws IOException {
        if (!file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return false;
        }
        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
        return permissions.stream().anyMatch(OTHERS::contains);
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[BYTES];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
