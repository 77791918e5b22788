package io.hacamel.bridge.api;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AllowedHostsTest {

    private final AllowedHosts hosts = new AllowedHosts(List.of("bridge.example.org", "Proxy.Example"),
            Set.of("raspberrypi", "raspberrypi.local"));

    @Test
    void allowsTheBridgesNamesAndAddressesWithOrWithoutAPort() {
        for (String host : new String[] {"localhost", "localhost:8080", "LOCALHOST:8080", "raspberrypi:8080",
            "raspberrypi.local", "raspberrypi.local.", "bridge.example.org", "proxy.example:443", "127.0.0.1:8080",
            "127.0.0.2", "[::1]:8080", "[::1]", "grafana.localhost:3000", null}) {
            assertThat(hosts.allows(host)).as(String.valueOf(host)).isTrue();
        }
    }

    @Test
    void refusesOtherNamesAndAddresses() {
        for (String host : new String[] {"evil.example", "evil.example:8080", "raspberrypi.evil.example",
            "localhost.evil.example", "203.0.113.9", "203.0.113.9:8080", "999.1.1.1", "[2001:db8::1]:8080", "",
            "bridge.example.org.evil.example"}) {
            assertThat(hosts.allows(host)).as(host).isFalse();
        }
    }

    @Test
    void aStarAllowsEveryName() {
        AllowedHosts any = new AllowedHosts(List.of("*"), Set.of());
        assertThat(any.any()).isTrue();
        assertThat(any.allows("evil.example")).isTrue();
    }

    @Test
    void knowsThisMachinesName() {
        assertThat(AllowedHosts.machineNames()).allMatch(name -> name.equals(name.toLowerCase()));
    }
}
