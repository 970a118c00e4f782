package io.minewatch.simulators.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** Starting and stopping the processes under test. */
final class Processes {

    private Processes() {
    }

    /** Polls {@code ready} every 200 ms until it holds; fails when the process dies or {@code seconds} pass. */
    static void awaitReady(String name, Process process, Path log, int seconds, BooleanSupplier ready)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException(name + " exited with " + process.exitValue() + "; its log " + log + ":\n"
                        + tail(log));
            }
            if (ready.getAsBoolean()) {
                return;
            }
            Thread.sleep(200);
        }
        process.destroyForcibly();
        throw new IOException(name + " was not ready within " + seconds + " s; its log " + log + ":\n" + tail(log));
    }

    /** SIGTERM, then SIGKILL after 20 s. */
    static void stop(Process process) throws InterruptedException {
        if (process == null || !process.isAlive()) {
            return;
        }
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    static String tail(Path log) {
        try {
            String text = Files.readString(log);
            return text.length() > 3_000 ? text.substring(text.length() - 3_000) : text;
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }
}
