package io.lifestage.server;

import java.io.IOException;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

/** TCP connections to a test server, for requests written byte by byte; closing this closes every one. */
final class RawConnections implements AutoCloseable {

    private final LifestageServer server;
    private final List<Socket> sockets = new ArrayList<>();

    RawConnections(LifestageServer server) {
        this.server = server;
    }

    /** A new connection to the server's loopback port. */
    Socket open() throws IOException {
        Socket socket = new Socket("127.0.0.1", server.port());
        sockets.add(socket);
        return socket;
    }

    /** The connections opened so far, oldest first. */
    List<Socket> all() {
        return List.copyOf(sockets);
    }

    @Override
    public void close() throws IOException {
        for (Socket socket : sockets) {
            socket.close();
        }
    }
}
