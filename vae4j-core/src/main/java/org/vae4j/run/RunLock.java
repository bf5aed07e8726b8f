package org.vae4j.run;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.vae4j.error.InputException;

/**
 * The lock of a run folder ({@link RunFolder#LOCK}), held while one training run writes the folder. It is
 * the operating system's lock on the file ({@link FileChannel#tryLock()}), so it ends with the process
 * that holds it: a killed run leaves the file but no lock. The file holds the process id of its holder,
 * for the message of a run that finds it locked.
 */
final class RunLock implements AutoCloseable {

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;
    private final boolean created;

    private RunLock(Path file, FileChannel channel, FileLock lock, boolean created) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
        this.created = created;
    }

    /**
     * Locks the run folder {@code dir}, which must exist.
     *
     * @throws InputException if another run (in this process or another) holds the lock
     */
    static RunLock acquire(Path dir) {
        Path file = dir.resolve(RunFolder.LOCK);
        boolean created = !Files.exists(file);
        FileChannel channel;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw InputException.of(file, "cannot create the run folder's lock: " + e.getMessage(), e);
        }
        try {
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                channel.close();
                throw locked(dir, " (in this process)");
            }
            if (lock == null) {
                String holder = readHolder(channel);
                channel.close();
                throw locked(dir, holder.isEmpty() ? "" : " (process " + holder + ")");
            }
            byte[] pid = (ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII);
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(pid), 0);
            return new RunLock(file, channel, lock, created);
        } catch (IOException e) {
            closeQuietly(channel);
            throw InputException.of(file, "cannot lock the run folder: " + e.getMessage(), e);
        }
    }

    private static InputException locked(Path dir, String holder) {
        return InputException.of(dir, "another training run" + holder + " is writing this folder; wait for it to "
                + "end or choose another folder");
    }

    /** The process id the holder wrote, or "" (it may not have written it yet). */
    private static String readHolder(FileChannel channel) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(32);
        channel.read(buffer, 0);
        String text = new String(buffer.array(), 0, buffer.position(), StandardCharsets.US_ASCII).trim();
        return text.matches("[0-9]{1,19}") ? text : "";
    }

    /** True if this lock made the lock file (no run had locked the folder before). */
    boolean createdFile() {
        return created;
    }

    Path file() {
        return file;
    }

    /** Releases the lock; the file stays. */
    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException e) {
            // closing the channel releases it too
        }
        closeQuietly(channel);
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // nothing left to release
        }
    }
}
