package org.pacscluster.io;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One writer per output folder: an exclusive OS lock on {@code DIR/.pacscluster.lock}, held while a command writes
 * there. The operating system releases it when the process ends in any way (kill -9 included), so a crash never
 * leaves a stale lock to clean up by hand. The file records who holds it (pid, host, user, task, start time) so
 * that a second writer is told exactly which process to wait for. The file itself stays behind (deleting it on
 * release would let two later writers lock two different files of the same name).
 */
public final class FolderLock implements AutoCloseable {
    /** The lock file inside the locked folder. */
    public static final String FILE = ".pacscluster.lock";

    /**
     * Folders locked by this JVM. Needed because the OS lock is per process: a second channel on the same file would
     * not be refused by the OS, and closing it would even drop the first lock (POSIX record-lock semantics).
     */
    private static final Map<Path, String> HELD = new ConcurrentHashMap<>();

    private final Path key;
    private final FileChannel channel;
    private final FileLock lock;

    private FolderLock(Path key, FileChannel channel, FileLock lock) {
        this.key = key;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Creates {@code dir} if need be and locks it for {@code task} (a few words: "ingest", "train"), or throws
     * {@link OutputConflictException} naming the folder and the process that holds it.
     */
    public static FolderLock acquire(Path dir, String task) throws IOException {
        Files.createDirectories(dir);
        Path key = dir.toRealPath();
        String me = holder(task);
        String other = HELD.putIfAbsent(key, me);
        if (other != null) throw busy(dir, describe(other));
        FileChannel ch = null;
        try {
            ch = FileChannel.open(key.resolve(FILE), StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = ch.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) throw busy(dir, describe(read(ch)));
            ch.truncate(0);
            ch.write(ByteBuffer.wrap(me.getBytes(StandardCharsets.UTF_8)), 0);
            ch.force(false);
            return new FolderLock(key, ch, lock);
        } catch (IOException | RuntimeException | Error e) {
            HELD.remove(key);
            if (ch != null) ch.close();
            throw e;
        }
    }

    private static OutputConflictException busy(Path dir, String holder) {
        return new OutputConflictException(dir + " is in use by " + holder + "; wait until it ends or choose another"
                + " folder", false);
    }

    /** The holder record written into the lock file: one {@code name=value} per line. */
    private static String holder(String task) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("pid", Long.toString(ProcessHandle.current().pid()));
        h.put("host", hostName());
        h.put("user", System.getProperty("user.name", "?"));
        h.put("task", task);
        h.put("since", Instant.now().toString().replaceAll("\\.\\d+Z$", "Z"));
        StringBuilder sb = new StringBuilder();
        h.forEach((k, v) -> sb.append(k).append('=').append(v.replace('\n', ' ')).append('\n'));
        return sb.toString();
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "this host";
        }
    }

    private static String read(FileChannel ch) throws IOException {
        ByteBuffer b = ByteBuffer.allocate((int) Math.min(ch.size(), 4096));
        ch.read(b, 0);
        return new String(b.array(), 0, b.position(), StandardCharsets.UTF_8);
    }

    /** "pacscluster ingest (pid 123 on host h, user u, since T)", or a generic phrase while the holder writes it. */
    static String describe(String record) {
        Map<String, String> h = new LinkedHashMap<>();
        for (String line : record.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) h.put(line.substring(0, eq), line.substring(eq + 1));
        }
        if (!h.containsKey("pid")) return "another pacscluster process";
        return "pacscluster " + h.getOrDefault("task", "?") + " (pid " + h.get("pid") + " on " + h.getOrDefault("host", "?")
                + ", user " + h.getOrDefault("user", "?") + ", since " + h.getOrDefault("since", "?") + ")";
    }

    /** Whether {@code name} is one of the files pacscluster keeps in an output folder for itself. */
    public static boolean isBookkeeping(String name) { return name.startsWith(".pacscluster"); }

    @Override
    public void close() throws IOException {
        try {
            if (lock.isValid()) lock.release();
            channel.close();
        } finally {
            HELD.remove(key);
        }
    }
}
