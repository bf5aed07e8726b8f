package org.vae4j.spark;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/**
 * The repository's bin/spark-cluster run from a test: a SPARK_HOME whose jars/ are the test's own
 * classpath (class folders packed into jars), a free master port, and a state folder of its own. Start
 * fails loudly (an exception with the script's output) when the cluster does not come up.
 */
final class StandaloneCluster implements AutoCloseable {

    private final Path repo;
    private final Path home;
    private final Path state;
    private final int port;
    private final String url;

    private StandaloneCluster(Path repo, Path home, Path state, int port, String url) {
        this.repo = repo;
        this.home = home;
        this.state = state;
        this.port = port;
        this.url = url;
    }

    static StandaloneCluster start(Path dir) throws IOException, InterruptedException {
        Path repo = Path.of(System.getProperty("vae4j.home", "..")).toAbsolutePath().normalize();
        Path home = dir.resolve("spark-home");
        Path jars = Files.createDirectories(home.resolve("jars"));
        int folder = 0;
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            Path path = Path.of(entry).toAbsolutePath();
            if (Files.isDirectory(path)) {
                pack(path, jars.resolve("classes-" + folder++ + ".jar"));
            } else if (entry.endsWith(".jar") && Files.isRegularFile(path)) {
                Path link = jars.resolve(path.getFileName());
                if (!Files.exists(link)) {
                    Files.createSymbolicLink(link, path);
                }
            }
        }
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path state = dir.resolve("state");
        StandaloneCluster cluster = new StandaloneCluster(repo, home, state, port, null);
        String out = cluster.run("start", 150);
        String url = out.lines().reduce((a, b) -> b).orElse("").trim();
        if (!url.equals("spark://127.0.0.1:" + port)) {
            cluster.run("stop", 60);
            throw new IllegalStateException("bin/spark-cluster start did not start the cluster:\n" + out);
        }
        return new StandaloneCluster(repo, home, state, port, url);
    }

    String url() {
        return url;
    }

    Path home() {
        return home;
    }

    /** The PIDs the script recorded, as it recorded them. */
    List<Long> pids() throws IOException {
        List<Long> pids = new ArrayList<>();
        for (String p : List.of("master", "worker1", "worker2")) {
            Path file = state.resolve(p + ".pid");
            if (Files.exists(file)) {
                pids.add(Long.parseLong(Files.readString(file).trim()));
            }
        }
        return pids;
    }

    private String run(String command, int timeoutSeconds) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(repo.resolve("bin/spark-cluster").toString(), command)
                .redirectErrorStream(true);
        builder.environment().put("SPARK_HOME", home.toString());
        builder.environment().put("SPARK_CLUSTER_STATE", state.toString());
        builder.environment().put("SPARK_CLUSTER_PORT", String.valueOf(port));
        Process process = builder.start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        return new String(output, StandardCharsets.UTF_8);
    }

    private static void pack(Path classes, Path jar) throws IOException {
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file);
                Stream<Path> files = Files.walk(classes)) {
            for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                out.putNextEntry(new JarEntry(classes.relativize(f).toString().replace('\\', '/')));
                Files.copy(f, out);
                out.closeEntry();
            }
        }
    }

    @Override
    public void close() {
        try {
            run("stop", 60);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
