package io.hacamel.bridge.hub;

import java.util.Map;

import io.hacamel.bridge.hub.HubStats.Disconnect;
import io.hacamel.bridge.support.ThrottledLog;
import io.vertx.core.http.ServerWebSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hub's places (docs/hub.md): authenticated ones ({@code hub.max-clients}), ones for clients still to present a
 * key ({@code hub.max-unauthenticated-clients}), and at most {@code hub.max-clients-per-address} of either from one
 * address. Counted and taken under one lock, so that clients connecting at once cannot pass a limit together.
 */
final class ClientPlaces {

    private static final Logger LOG = LoggerFactory.getLogger(ClientPlaces.class);

    private final HubSettings settings;
    private final HubStats stats;
    private final Map<String, HubClient> clients;
    private final Map<Disconnect, ThrottledLog> refusals = Map.of(Disconnect.TOO_MANY_CLIENTS, new ThrottledLog(LOG),
            Disconnect.TOO_MANY_UNAUTHENTICATED, new ThrottledLog(LOG), Disconnect.TOO_MANY_FROM_ADDRESS,
            new ThrottledLog(LOG));

    /** @param clients the hub's clients, which this adds to; the hub removes them */
    ClientPlaces(HubSettings settings, HubStats stats, Map<String, HubClient> clients) {
        this.settings = settings;
        this.stats = stats;
        this.clients = clients;
    }

    /**
     * Adds the client in a place of its kind: authenticated when it presented a right key (or none is needed). Returns
     * false, having closed its socket with 1013, when there is none.
     */
    boolean admit(HubClient client, boolean authenticating, ServerWebSocket socket) {
        Disconnect refusal;
        synchronized (this) {
            refusal = refusal(client.address(), authenticating);
            if (refusal == null) {
                client.holdsAuthenticatedPlace(authenticating);
                clients.put(client.id(), client);
            }
        }
        if (refusal != null) {
            refuse(socket, refusal);
        }
        return refusal == null;
    }

    /** A waiting client presented a right key: it moves to an authenticated place, if one is free. */
    synchronized boolean promote(HubClient client) {
        if (client.holdsAuthenticatedPlace()) {
            return true;
        }
        if (clients.values().stream().filter(HubClient::holdsAuthenticatedPlace).count() >= settings.maxClients()) {
            return false;
        }
        client.holdsAuthenticatedPlace(true);
        return true;
    }

    private Disconnect refusal(String address, boolean authenticating) {
        int fromAddress = 0;
        int authenticated = 0;
        for (HubClient client : clients.values()) {
            fromAddress += client.address().equals(address) ? 1 : 0;
            authenticated += client.holdsAuthenticatedPlace() ? 1 : 0;
        }
        if (fromAddress >= settings.maxClientsPerAddress()) {
            return Disconnect.TOO_MANY_FROM_ADDRESS;
        }
        if (authenticating) {
            return authenticated >= settings.maxClients() ? Disconnect.TOO_MANY_CLIENTS : null;
        }
        return clients.size() - authenticated >= settings.maxUnauthenticatedClients()
                ? Disconnect.TOO_MANY_UNAUTHENTICATED : null;
    }

    private void refuse(ServerWebSocket socket, Disconnect why) {
        stats.disconnected(why);
        String limit = switch (why) {
            case TOO_MANY_FROM_ADDRESS -> "hub.max-clients-per-address (" + settings.maxClientsPerAddress() + ")";
            case TOO_MANY_UNAUTHENTICATED -> "hub.max-unauthenticated-clients ("
                    + settings.maxUnauthenticatedClients() + ")";
            default -> "hub.max-clients (" + settings.maxClients() + ")";
        };
        refusals.get(why).warn("Hub refused a client from {}: {} are connected", socket.remoteAddress(), limit);
        socket.close((short) 1013, "too many clients, try again later");
    }
}
