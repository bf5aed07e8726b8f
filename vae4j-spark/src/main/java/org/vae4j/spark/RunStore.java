package org.vae4j.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;

/**
 * Where a distributed run keeps its folder: a local path as it is, or any Hadoop file system (hdfs://,
 * s3a://, ...) through a local copy that is pulled before a resume and pushed after every checkpoint.
 */
final class RunStore {

    private final Path local;
    private final URI remote;
    private final Configuration hadoop;

    private RunStore(Path local, URI remote, Configuration hadoop) {
        this.local = local;
        this.remote = remote;
        this.hadoop = hadoop;
    }

    static RunStore at(String location, Configuration hadoop) {
        URI uri = URI.create(location);
        if (uri.getScheme() == null || uri.getScheme().equals("file")) {
            return new RunStore(uri.getScheme() == null ? Path.of(location) : Path.of(uri), null, hadoop);
        }
        try {
            Path staging = Files.createTempDirectory("vae4j-run-");
            return new RunStore(staging.resolve("run"), uri, hadoop);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make a local copy of " + location, e);
        }
    }

    /** The run folder on this machine (the copy, for a remote run). */
    Path local() {
        return local;
    }

    /** Copies the remote run folder here, if there is one (before a resume). */
    void pull() {
        if (remote == null) {
            return;
        }
        try {
            FileSystem fs = FileSystem.get(remote, hadoop);
            org.apache.hadoop.fs.Path from = new org.apache.hadoop.fs.Path(remote);
            if (fs.exists(from)) {
                fs.copyToLocalFile(false, from, new org.apache.hadoop.fs.Path(local.getParent().toUri()), true);
                Path copied = local.getParent().resolve(from.getName());
                if (!copied.equals(local)) {
                    Files.move(copied, local);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(remote + ": cannot read the run folder", e);
        }
    }

    /** Copies the run folder to the remote location (after a checkpoint). */
    void push() {
        if (remote == null) {
            return;
        }
        try {
            FileSystem fs = FileSystem.get(remote, hadoop);
            org.apache.hadoop.fs.Path to = new org.apache.hadoop.fs.Path(remote);
            fs.delete(to, true);
            fs.copyFromLocalFile(false, true, new org.apache.hadoop.fs.Path(local.toUri()), to);
        } catch (IOException e) {
            throw new UncheckedIOException(remote + ": cannot write the run folder", e);
        }
    }
}
