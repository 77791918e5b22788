package io.hacamel.bridge.api;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Collection;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The names a request's {@code Host} may carry: the bridge's own (localhost, the machine's host name, and that name
 * in {@code .local}), any address of this machine, and {@code api.allowed-hosts}. A page whose name an attacker
 * re-points at the bridge (DNS rebinding) sends its own name, which is none of these. {@code *} allows every name.
 */
final class AllowedHosts {

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9a-f:.]+");

    private final Set<String> names;
    private final boolean any;
    /** Addresses found to be this machine's; only these are kept, so a flood of others cannot grow it. */
    private final Set<String> localAddresses = ConcurrentHashMap.newKeySet();

    AllowedHosts(Collection<String> configured, Collection<String> machineNames) {
        this.any = configured.contains("*");
        this.names = new TreeSet<>();
        names.add("localhost");
        machineNames.forEach(name -> names.add(name.toLowerCase(Locale.ROOT)));
        configured.forEach(name -> names.add(hostName(name)));
    }

    /** The names of this machine: its host name, and in {@code .local} for mDNS when it is a single label. */
    static Set<String> machineNames() {
        Set<String> names = new TreeSet<>();
        try {
            String name = InetAddress.getLocalHost().getHostName().toLowerCase(Locale.ROOT);
            names.add(name);
            if (!name.contains(".")) {
                names.add(name + ".local");
            }
        } catch (UnknownHostException e) {
            // a machine without a resolvable name: its addresses and localhost still work
        }
        return names;
    }

    boolean any() {
        return any;
    }

    /** A Host header ({@code name}, {@code name:port}, {@code [v6]:port}); none (HTTP/1.0, no browser) is fine. */
    boolean allows(String hostHeader) {
        if (hostHeader == null || any) {
            return true;
        }
        String host = hostName(hostHeader);
        if (names.contains(host) || host.endsWith(".localhost")) {
            return true; // RFC 6761: *.localhost is always this machine
        }
        return isAddress(host) && isLocalAddress(host);
    }

    /** Lower case, without the port, the brackets of an IPv6 address, and a trailing dot. */
    static String hostName(String hostHeader) {
        String host = hostHeader.trim().toLowerCase(Locale.ROOT);
        if (host.startsWith("[")) {
            int end = host.indexOf(']');
            host = end > 0 ? host.substring(1, end) : host;
        } else if (host.indexOf(':') == host.lastIndexOf(':') && host.indexOf(':') >= 0) {
            host = host.substring(0, host.indexOf(':'));
        }
        return host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
    }

    /** Only well-formed literals: the JDK would look a malformed IPv4 literal (999.1.1.1) up in the DNS. */
    private static boolean isAddress(String host) {
        if (IPV4.matcher(host).matches()) {
            return Arrays.stream(host.split("\\.")).allMatch(octet -> Integer.parseInt(octet) <= 255);
        }
        return host.contains(":") && IPV6.matcher(host).matches();
    }

    /** An address literal, never a name: looking it up asks no DNS. */
    private boolean isLocalAddress(String literal) {
        if (localAddresses.contains(literal)) {
            return true;
        }
        try {
            InetAddress address = InetAddress.getByName(literal);
            boolean local = address.isLoopbackAddress() || NetworkInterface.getByInetAddress(address) != null;
            if (local) {
                localAddresses.add(literal);
            }
            return local;
        } catch (UnknownHostException | SocketException e) {
            return false;
        }
    }
}
