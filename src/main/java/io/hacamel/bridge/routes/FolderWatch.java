package io.hacamel.bridge.routes;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches one folder and says when something in it changed: once at the start, then after every change once the
 * folder has been quiet for a moment, so that a file saved in several writes is read whole.
 */
final class FolderWatch implements Closeable {

    private static final Logger LOG = LoggerFactory.getLogger(FolderWatch.class);
    /** How long the folder must be quiet after a change; editors save in several writes within a few ms. */
    private static final long QUIET_MILLIS = 200;

    private final Path folder;
    private final WatchService watch;

    FolderWatch(Path folder) throws IOException {
        this.folder = folder;
        this.watch = folder.getFileSystem().newWatchService();
        folder.register(watch, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
                StandardWatchEventKinds.ENTRY_DELETE);
    }

    /** Calls {@code changed} now and after every change, on this thread, until closed or the folder is gone. */
    void run(Runnable changed) {
        try {
            changed.run();
            boolean folderThere = true;
            while (folderThere) {
                folderThere = awaitQuietChange();
                changed.run();
            }
            LOG.warn("The folder {} is gone: its changes are no longer watched until the bridge restarts", folder);
        } catch (ClosedWatchServiceException e) {
            LOG.debug("Stopped watching {}", folder);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits for a change, then until nothing changed for a moment; false when the folder went away. */
    private boolean awaitQuietChange() throws InterruptedException {
        WatchKey key = watch.take();
        while (key != null) {
            key.pollEvents();
            if (!key.reset()) {
                return false;
            }
            key = watch.poll(QUIET_MILLIS, TimeUnit.MILLISECONDS);
        }
        return true;
    }

    @Override
    public void close() throws IOException {
        watch.close();
    }
}
