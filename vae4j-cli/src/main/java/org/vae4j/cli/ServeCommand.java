package org.vae4j.cli;

import java.io.PrintWriter;
import java.net.BindException;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.vae4j.api.TrainedModel;
import org.vae4j.data.DataSources;
import org.vae4j.data.DataSplit;
import org.vae4j.data.Dataset;
import org.vae4j.server.ExplorerServer;
import org.vae4j.server.Session;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** vae4j serve: the web explorer of a trained model, until interrupted. */
@Command(name = "serve", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Web explorer of the latent space, with a JSON API.",
                "Serves a page to explore the model in a browser (the map of the test codes, decoding any point, "
                + "examples with their scores, interpolations, latent grids, samples, the least likely examples) and "
                + "the JSON API behind it, on 127.0.0.1 unless --host says otherwise. Prints the address and runs "
                + "until interrupted (Ctrl-C)."})
final class ServeCommand implements Callable<Integer> {

    /** The largest --k: the session scores every mapped example with it at start. */
    static final int MAX_K = 5000;

    @Spec
    CommandSpec spec;

    @Mixin
    ModelArgs model;

    @Mixin
    ServeData dataArgs;

    @Option(names = "--port", defaultValue = "8080", paramLabel = "PORT",
            description = "the TCP port, 1..65535, or 0 for any free one (default: ${DEFAULT-VALUE})")
    int port;

    @Option(names = "--host", defaultValue = "127.0.0.1", paramLabel = "HOST",
            description = "the address to listen on (default: ${DEFAULT-VALUE}, this machine only)")
    String host;

    @Option(names = "--k", defaultValue = "100", paramLabel = "K",
            description = "importance samples of the IWAE score of each mapped example, 1.." + MAX_K
                    + " (default: ${DEFAULT-VALUE})")
    int k;

    @Option(names = "--n", paramLabel = "N", description = "map " + Workspace.SUBSET + " (default: all)")
    Integer n;

    /** --data, optional here: the training data when that was the digits or Fashion-MNIST. */
    static final class ServeData extends DataReadOptions {

        @Option(names = "--data", paramLabel = "DATA", description = "the data whose test set is mapped: "
                + DataArgs.IMAGE_DATA + "; or a CSV file (default: the training data, if it was digits or fashion-mnist)")
        String data;
    }

    @Override
    public Integer call() {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("--port must be in 0..65535, got " + port);
        }
        if (k < 1 || k > MAX_K) {
            throw new IllegalArgumentException("--k must be in 1.." + MAX_K + ", got " + k);
        }
        Workspace.requireCount("--n", n);
        PrintWriter out = spec.commandLine().getOut();
        try (StopOnSignal stop = new StopOnSignal(Thread.currentThread())) {
            serve(out);
            out.println("stopped");
            out.flush();
        }
        return ExitCodes.OK;
    }

    private void serve(PrintWriter out) {
        try (TrainedModel trained = model.load()) {
            String data = dataArgs.data != null ? dataArgs.data : trainingData(trained);
            DataSplit split = trained.readData(data, dataArgs.options());
            Dataset test = Workspace.subset(split.test(), n);
            out.printf("encoding, mapping and scoring %d test examples of %s (IWAE k=%d)...%n", test.n(), data, k);
            out.flush();
            Session session = Session.build(trained, test, classNames(split, data), k, 1);
            try (ExplorerServer server = start(session)) {
                out.printf("serving %s at http://%s:%d/ (Ctrl-C stops)%n", model.dir, host, server.port());
                out.flush();
                waitUntilInterrupted();
            }
        }
    }

    private static String trainingData(TrainedModel trained) {
        String name = trained.info().data().name();
        if (DataSources.DIGITS.equals(name) || DataSources.FASHION_MNIST.equals(name)) {
            return name;
        }
        throw new IllegalArgumentException("the model in " + trained.dir() + " was trained on " + name
                + "; name the data to map with --data");
    }

    private static List<String> classNames(DataSplit split, String data) {
        if (split.classNames() != null) {
            return split.classNames();
        }
        return DataSources.FASHION_MNIST.equals(data) ? ClassNames.FASHION_MNIST : null;
    }

    private ExplorerServer start(Session session) {
        try {
            return ExplorerServer.start(session, host, port);
        } catch (RuntimeException e) {
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof BindException) {
                    throw new IllegalArgumentException("cannot listen on " + host + ":" + port + ": "
                            + cause.getMessage() + " (is another server using the port?)");
                }
            }
            throw e;
        }
    }

    /** Blocks until this thread is interrupted (by a caller, or by {@link StopOnSignal} on Ctrl-C). */
    private static void waitUntilInterrupted() {
        try {
            new CountDownLatch(1).await();
        } catch (InterruptedException e) {
            // asked to stop
        }
    }

    /**
     * A shutdown hook (Ctrl-C, SIGTERM) that interrupts the serving thread and waits until it has closed the
     * server and the model and said "stopped".
     */
    private static final class StopOnSignal implements AutoCloseable {

        private final CountDownLatch done = new CountDownLatch(1);
        private final Thread hook;

        StopOnSignal(Thread serving) {
            hook = new Thread(() -> {
                serving.interrupt();
                try {
                    done.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "vae4j-serve-stop");
            Runtime.getRuntime().addShutdownHook(hook);
        }

        @Override
        public void close() {
            done.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // the JVM is stopping: the hook is running and has just been released
            }
        }
    }
}
