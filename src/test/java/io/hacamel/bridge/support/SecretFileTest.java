package io.hacamel.bridge.support;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class SecretFileTest {

    @TempDir
    Path home;

    @Test
    void generatesAnOwnerOnlyFileOnceAndReadsItBackAfterwards() throws Exception {
        Path file = home.resolve("data/secrets/api-key");

        SecretFile.Secret first = SecretFile.readOrCreate(file);
        SecretFile.Secret again = SecretFile.readOrCreate(file);

        assertThat(first.generated()).isTrue();
        assertThat(first.value()).matches("[A-Za-z0-9_-]{43}");
        assertThat(first.toString()).doesNotContain(first.value());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())))
                .isEqualTo("rwx------");
        assertThat(again.generated()).isFalse();
        assertThat(again.value()).isEqualTo(first.value());
        assertThat(again.readableByOthers()).isFalse();
        assertThat(SecretFile.readOrCreate(home.resolve("other")).value()).isNotEqualTo(first.value());
    }

    @Test
    void keepsASecretWrittenByHandAndSaysWhenOthersMayReadIt() throws Exception {
        Path file = home.resolve("api-key");
        Files.writeString(file, "  chosen-by-hand \n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        SecretFile.Secret secret = SecretFile.readOrCreate(file);

        assertThat(secret.value()).isEqualTo("chosen-by-hand");
        assertThat(secret.generated()).isFalse();
        assertThat(secret.readableByOthers()).isTrue();
    }

    @Test
    void anEmptyFileGetsANewSecret() throws Exception {
        Path file = Files.createFile(home.resolve("api-key"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));

        SecretFile.Secret secret = SecretFile.readOrCreate(file);

        assertThat(secret.generated()).isTrue();
        assertThat(Files.readString(file).trim()).isEqualTo(secret.value());
    }
}
