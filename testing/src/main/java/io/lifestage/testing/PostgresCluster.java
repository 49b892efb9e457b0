package io.lifestage.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A private PostgreSQL cluster: {@code initdb} in a temporary directory, listening on 127.0.0.1 on a free port with
 * trust authentication. PostgreSQL refuses to run as root, so as root every command runs as the {@code postgres}
 * user, who owns the directory. {@link PostgresServer} shares one per JVM; a test that stops and starts the server
 * (a database restart) starts one of its own and closes it.
 */
public final class PostgresCluster implements AutoCloseable {

    static final Path BINARIES = Path.of("/usr/lib/postgresql/15/bin");
    private static final String SUPERUSER = "postgres";
    private static final String INSTALL_HINT = "install PostgreSQL 15 (Debian/Ubuntu: apt-get install postgresql-15;"
            + " CI: .ci/postgres) or set " + PostgresServer.URL_VARIABLE + " to the JDBC URL of a server with a"
            + " superuser, e.g. jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres";

    private static PostgresCluster shared;

    private final boolean root = "root".equals(System.getProperty("user.name"));
    private final Path directory;
    private final Path data;
    private final int port;

    private PostgresCluster(Path directory, int port) {
        this.directory = directory;
        this.data = directory.resolve("data");
        this.port = port;
    }

    /** The cluster {@link PostgresServer} uses without a configured server, started on first use, stopped at exit. */
    static synchronized String sharedUrl() {
        if (shared == null) {
            shared = start();
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close, "postgres-stop"));
        }
        return shared.url();
    }

    /**
     * Creates and starts a new cluster.
     *
     * @throws IllegalStateException saying what to install when PostgreSQL 15 is not on the machine
     */
    public static PostgresCluster start() {
        if (!Files.isExecutable(BINARIES.resolve("initdb"))) {
            throw new IllegalStateException("No PostgreSQL server for the tests: " + BINARIES.resolve("initdb")
                    + " not found; " + INSTALL_HINT);
        }
        try {
            Path directory = Files.createTempDirectory("lifestage-postgres-");
            PostgresCluster cluster = new PostgresCluster(directory, freePort());
            if (cluster.root) {
                Files.setOwner(directory, postgresUser());
            }
            cluster.run("initdb", "-D", cluster.data.toString(), "-U", SUPERUSER, "-A", "trust", "-E", "UTF8",
                    "--no-locale", "--no-sync");
            cluster.startServer();
            return cluster;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start a private PostgreSQL cluster: " + e.getMessage()
                    + "; " + INSTALL_HINT, e);
        }
    }

    /** The JDBC URL of the superuser's database. */
    public String url() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=" + SUPERUSER;
    }

    /** Starts the server (again), on the same port, and waits until it accepts connections. */
    public void startServer() throws IOException {
        run("pg_ctl", "-D", data.toString(), "-l", directory.resolve("server.log").toString(), "-w", "-o",
                "-c listen_addresses=127.0.0.1 -p " + port + " -c unix_socket_directories=" + directory
                        + " -c fsync=off -c full_page_writes=off -c synchronous_commit=off", "start");
    }

    /** Stops the server as a crash or an operator's fast restart would: open connections are cut. */
    public void stopServer() throws IOException {
        run("pg_ctl", "-D", data.toString(), "-m", "immediate", "-w", "stop");
    }

    /** Stops the server and deletes the cluster. */
    @Override
    public void close() {
        try {
            stopServer();
            try (Stream<Path> files = Files.walk(directory)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        } catch (IOException e) {
            System.err.println("Could not stop the test PostgreSQL cluster in " + directory + ": " + e.getMessage());
        }
    }

    private static UserPrincipal postgresUser() throws IOException {
        try {
            return Path.of("/").getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(SUPERUSER);
        } catch (IOException e) {
            throw new IOException("running as root, and there is no '" + SUPERUSER + "' user to run PostgreSQL as", e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private void run(String program, String... arguments) throws IOException {
        List<String> command = new ArrayList<>();
        if (root) {
            command.addAll(List.of("runuser", "-u", SUPERUSER, "--"));
        }
        command.add(BINARIES.resolve(program).toString());
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (process.waitFor() != 0) {
                Path log = directory.resolve("server.log");
                String serverLog = Files.isReadable(log) ? Files.readString(log) : "";
                throw new IOException(String.join(" ", command) + " failed:\n" + output + serverLog);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running " + program, e);
        }
    }
}
