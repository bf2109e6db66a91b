package org.gluster.events.runtime.bundles;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.gluster.events.runtime.node.RuntimeLayout;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.BundleException;
import org.osgi.framework.BundleListener;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.FrameworkListener;
import org.osgi.framework.wiring.FrameworkWiring;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Installs, updates, removes, starts and stops the bundles of this daemon, for the admin API.
 * Installs go to the hot-deploy folder ({@code <home>/bundles}), where Felix FileInstall installs
 * them and finds them again at every start; a bundle of that folder is updated and removed through
 * its file, anything else through the framework. The runtime itself (the framework, the core and
 * api bundles, what the launcher loads from {@code <home>/system}) is refused: it is upgraded by
 * replacing the distribution. A stop lasts across restarts: the names are kept in
 * {@link StoppedBundles} and such a bundle is stopped again whenever it starts.
 */
public final class BundleManager implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BundleManager.class);
    static final String CORE = "org.gluster.events.runtime.core";
    static final String API = "org.gluster.events.api";
    /** How long FileInstall may take to notice a file (it looks every second). */
    private static final long FILE_INSTALL_MILLIS = 10_000;

    private final BundleContext context;
    private final Path hotDeploy;
    private final BundleDescriptions descriptions;
    private final StoppedBundles stopped;
    private final Map<Long, String> errors = new ConcurrentHashMap<>();
    private final ExecutorService restopper = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "bundle-keep-stopped");
        thread.setDaemon(true);
        return thread;
    });
    private final BundleListener bundleListener = this::bundleChanged;
    private final FrameworkListener frameworkListener = this::frameworkEvent;
    /** One change at a time: each waits for FileInstall and the framework to settle. */
    private final Object changes = new Object();

    public BundleManager(BundleContext context, ServiceComponentRuntime scr) throws IOException {
        this.context = context;
        this.hotDeploy = RuntimeLayout.hotDeployDir(context);
        this.descriptions = new BundleDescriptions(context, scr, hotDeploy, RuntimeLayout.systemDir(context), errors);
        this.stopped = new StoppedBundles(RuntimeLayout.from(context).eventsDir());
        context.addBundleListener(bundleListener);
        context.addFrameworkListener(frameworkListener);
        // Everything in the hot-deploy folder is installed before any of it starts, the core included:
        // a name no bundle has any more was removed while the daemon was down.
        List<String> installed = new ArrayList<>();
        for (Bundle bundle : context.getBundles()) if (bundle.getSymbolicName() != null) installed.add(bundle.getSymbolicName());
        stopped.retainAll(installed);
        for (Bundle bundle : context.getBundles()) keepStopped(bundle);
    }

    @Override
    public void close() {
        context.removeBundleListener(bundleListener);
        context.removeFrameworkListener(frameworkListener);
        restopper.shutdownNow();
    }

    /** Every bundle, by id. */
    public List<Map<String, Object>> list() {
        List<Map<String, Object>> rows = new ArrayList<>();
        Bundle[] bundles = context.getBundles();
        Arrays.sort(bundles, (a, b) -> Long.compare(a.getBundleId(), b.getBundleId()));
        for (Bundle bundle : bundles) rows.add(describe(bundle));
        return rows;
    }

    /** The bundle {@code name} designates, as {@link #list()} shows it. */
    public Map<String, Object> describe(String name) throws BundleFailure {
        return describe(find(name));
    }

    private Map<String, Object> describe(Bundle bundle) {
        Map<String, Object> row = descriptions.row(bundle);
        if (stopped.contains(bundle.getSymbolicName())) row.put("kept_stopped", true);
        return row;
    }

    /**
     * Puts {@code jar} into the hot-deploy folder as {@code fileName} (null: named after the bundle)
     * and waits for FileInstall to install and start it.
     */
    public Map<String, Object> install(String fileName, byte[] jar) throws BundleFailure {
        BundleJar bundleJar = BundleJar.read(jar);
        String file = fileName == null || fileName.isBlank() ? bundleJar.defaultFileName() : BundleJar.checkFileName(fileName);
        synchronized (changes) {
            Path folder = hotDeployFolder();
            Bundle existing = bySymbolicName(bundleJar.symbolicName());
            if (existing != null) {
                throw new BundleFailure(409, "a bundle named " + bundleJar.symbolicName() + " is already installed (version "
                        + existing.getVersion() + ", id " + existing.getBundleId() + "): use bundle update");
            }
            Path target = folder.resolve(file);
            if (Files.exists(target)) {
                throw new BundleFailure(409, target + " already exists: use bundle update, or give the jar another file name");
            }
            forgetStop(bundleJar.symbolicName());
            write(target, jar);
            LOG.info("Bundle {} {} written to {} (admin API)", bundleJar.symbolicName(), bundleJar.version(), target);
            if (!await(FILE_INSTALL_MILLIS, () -> bySymbolicName(bundleJar.symbolicName()) != null)) {
                try {
                    Files.deleteIfExists(target);
                } catch (IOException e) {
                    LOG.warn("Cannot remove {}: {}", target, e.toString());
                }
                throw new BundleFailure(500, "FileInstall did not install " + file + " within 10 s (the daemon log says why); "
                        + "the file was removed from " + folder);
            }
            Bundle bundle = bySymbolicName(bundleJar.symbolicName());
            // FileInstall starts what it installs in the same pass; a bundle that cannot resolve stays INSTALLED.
            long since = System.nanoTime();
            await(3_000, () -> bundle.getState() == Bundle.ACTIVE || bundle.getState() == Bundle.UNINSTALLED
                    || BundleDescriptions.isFragment(bundle) && bundle.getState() == Bundle.RESOLVED
                    || System.nanoTime() - since > 1_000_000_000L && descriptions.unresolved(bundle) != null);
            return describe(bundle);
        }
    }

    /**
     * Replaces the bundle {@code name} with {@code jar}, or without a jar reads it again from where
     * it was installed from, then refreshes it (its old classes go, the bundles wired to it are
     * wired again).
     */
    public Map<String, Object> update(String name, byte[] jar) throws BundleFailure {
        BundleJar bundleJar = jar == null ? null : BundleJar.read(jar);
        synchronized (changes) {
            Bundle bundle = find(name);
            refuseRuntime(bundle, "updated");
            refuseCoreDependency(bundle, "updating");
            if (bundleJar != null && !bundleJar.symbolicName().equals(bundle.getSymbolicName())) {
                throw new BundleFailure(400, "the jar is bundle " + bundleJar.symbolicName() + ", not " + bundle.getSymbolicName()
                        + ": install it with bundle install instead");
            }
            boolean wasActive = bundle.getState() == Bundle.ACTIVE || bundle.getState() == Bundle.STARTING;
            Path file = descriptions.hotDeployFile(bundle);
            if (bundleJar != null && file != null) {
                long before = bundle.getLastModified();
                CountDownLatch refreshed = new CountDownLatch(1);
                FrameworkListener refreshes = event -> {
                    if (event.getType() == FrameworkEvent.PACKAGES_REFRESHED && bundle.getLastModified() != before) refreshed.countDown();
                };
                context.addFrameworkListener(refreshes);
                try {
                    write(file, jar);
                    if (!await(FILE_INSTALL_MILLIS, () -> bundle.getLastModified() != before || bundle.getState() == Bundle.UNINSTALLED)) {
                        throw new BundleFailure(500, "wrote " + file + " but FileInstall did not update the bundle within 10 s "
                                + "(the daemon log says why)");
                    }
                    refreshed.await(5, TimeUnit.SECONDS); // FileInstall refreshes what it updates
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new BundleFailure(503, "interrupted while waiting for FileInstall");
                } finally {
                    context.removeFrameworkListener(refreshes);
                }
                if (wiring().getRemovalPendingBundles().contains(bundle)) refresh(bundle);
            } else {
                try {
                    if (bundleJar != null) bundle.update(new ByteArrayInputStream(jar));
                    else bundle.update();
                } catch (BundleException | IllegalStateException | SecurityException e) {
                    throw new BundleFailure(e instanceof BundleException be && be.getType() == BundleException.ACTIVATOR_ERROR ? 500 : 409,
                            "cannot update " + bundle.getSymbolicName() + ": " + e.getMessage());
                }
                refresh(bundle);
            }
            LOG.info("Bundle {} updated to {} (admin API)", bundle.getSymbolicName(), bundle.getVersion());
            if (wasActive && !stopped.contains(bundle.getSymbolicName())) await(3_000, () -> bundle.getState() == Bundle.ACTIVE);
            return describe(bundle);
        }
    }

    /** Removes the bundle {@code name}: its file from the hot-deploy folder, or from the framework. */
    public Map<String, Object> uninstall(String name) throws BundleFailure {
        synchronized (changes) {
            Bundle bundle = find(name);
            refuseRuntime(bundle, "uninstalled");
            refuseCoreDependency(bundle, "removing");
            Map<String, Object> row = describe(bundle);
            Path file = descriptions.hotDeployFile(bundle);
            if (file != null) {
                try {
                    Files.delete(file);
                } catch (NoSuchFileException e) {
                    // gone already: FileInstall is removing it
                } catch (IOException e) {
                    throw new BundleFailure(500, "cannot remove " + file + ": " + e);
                }
                if (!await(FILE_INSTALL_MILLIS, () -> bundle.getState() == Bundle.UNINSTALLED)) {
                    throw new BundleFailure(500, "removed " + file + " but FileInstall did not uninstall the bundle within 10 s "
                            + "(the daemon log says why)");
                }
                row.put("file_removed", file.toString());
            } else {
                try {
                    bundle.uninstall();
                } catch (BundleException | IllegalStateException | SecurityException e) {
                    throw new BundleFailure(500, "cannot uninstall " + bundle.getSymbolicName() + ": " + e.getMessage());
                }
                refresh(bundle);
            }
            forgetStop(bundle.getSymbolicName());
            LOG.info("Bundle {} {} uninstalled (admin API)", bundle.getSymbolicName(), bundle.getVersion());
            row.put("state", "uninstalled");
            row.remove("kept_stopped");
            return row;
        }
    }

    /** Starts the bundle {@code name}, and forgets that it was stopped. */
    public Map<String, Object> start(String name) throws BundleFailure {
        synchronized (changes) {
            Bundle bundle = find(name);
            if (BundleDescriptions.isFragment(bundle)) {
                throw new BundleFailure(409, bundle.getSymbolicName() + " is a fragment: it is never started, it attaches to its host");
            }
            forgetStop(bundle.getSymbolicName());
            try {
                bundle.start();
            } catch (BundleException | IllegalStateException | SecurityException e) {
                // The framework's own message on a resolution error repeats itself; what is missing says it shorter.
                String unresolved = descriptions.unresolved(bundle);
                String why = unresolved != null ? unresolved : String.valueOf(e.getMessage());
                errors.put(bundle.getBundleId(), why);
                throw new BundleFailure(e instanceof BundleException be && be.getType() == BundleException.ACTIVATOR_ERROR ? 500 : 409,
                        "cannot start " + bundle.getSymbolicName() + ": " + why);
            }
            LOG.info("Bundle {} started (admin API)", bundle.getSymbolicName());
            return describe(bundle);
        }
    }

    /** Stops the bundle {@code name} until {@link #start} starts it, across daemon restarts too. */
    public Map<String, Object> stop(String name) throws BundleFailure {
        synchronized (changes) {
            Bundle bundle = find(name);
            refuseRuntime(bundle, "stopped");
            if (BundleDescriptions.isFragment(bundle)) {
                throw new BundleFailure(409, bundle.getSymbolicName() + " is a fragment: it is never started, so it cannot be stopped");
            }
            try {
                stopped.add(bundle.getSymbolicName());
            } catch (IOException e) {
                throw new BundleFailure(500, "cannot record the stop in " + StoppedBundles.FILE_NAME + ": " + e);
            }
            try {
                bundle.stop();
            } catch (BundleException | IllegalStateException | SecurityException e) {
                throw new BundleFailure(500, "cannot stop " + bundle.getSymbolicName() + ": " + e.getMessage());
            }
            LOG.info("Bundle {} stopped (admin API); it stays stopped until 'bundle start'", bundle.getSymbolicName());
            return describe(bundle);
        }
    }

    private Bundle find(String name) throws BundleFailure {
        List<BundleNames.Known> known = new ArrayList<>();
        for (Bundle bundle : context.getBundles()) {
            known.add(new BundleNames.Known(bundle.getBundleId(), bundle.getSymbolicName(), bundle.getVersion().toString()));
        }
        Bundle bundle = context.getBundle(BundleNames.resolve(name, known));
        if (bundle == null) throw new BundleFailure(404, "bundle " + name + " was just uninstalled");
        return bundle;
    }

    private Bundle bySymbolicName(String symbolicName) {
        for (Bundle bundle : context.getBundles()) {
            if (symbolicName.equals(bundle.getSymbolicName()) && bundle.getState() != Bundle.UNINSTALLED) return bundle;
        }
        return null;
    }

    /** The framework, the core, the api and the base bundles of {@code <home>/system} are the runtime. */
    private void refuseRuntime(Bundle bundle, String what) throws BundleFailure {
        if (descriptions.partOfRuntime(bundle)) {
            String name = bundle.getBundleId() == 0 ? "the OSGi framework" : bundle.getSymbolicName();
            throw new BundleFailure(409, name + " is part of the runtime and cannot be " + what
                    + " here: replace the distribution to upgrade it");
        }
    }

    /** A bundle the core is wired to would take the core, and this API, down with it on refresh. */
    private void refuseCoreDependency(Bundle bundle, String what) throws BundleFailure {
        Bundle core = context.getBundle();
        if (bundle.equals(core)) return;
        if (wiring().getDependencyClosure(List.of(bundle)).contains(core)) {
            throw new BundleFailure(409, "the runtime core uses " + bundle.getSymbolicName() + ": " + what
                    + " it would restart the runtime; replace the distribution to upgrade it");
        }
    }

    private Path hotDeployFolder() throws BundleFailure {
        if (hotDeploy == null) {
            throw new BundleFailure(500, "this daemon has no hot-deploy folder (felix.fileinstall.dir or glustereventsd.home is not set)");
        }
        if (!Files.isDirectory(hotDeploy)) throw new BundleFailure(500, "the hot-deploy folder " + hotDeploy + " does not exist");
        return hotDeploy;
    }

    /** Writes beside the target under a name FileInstall ignores (no .jar), then renames: it never sees half a jar. */
    private static void write(Path target, byte[] jar) throws BundleFailure {
        Path temp = target.resolveSibling("." + target.getFileName() + ".part");
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                    StandardOpenOption.WRITE)) {
                channel.write(java.nio.ByteBuffer.wrap(jar));
                channel.force(true);
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException ignored) {
                // the first error says more
            }
            throw new BundleFailure(500, "cannot write " + target + ": " + e);
        }
    }

    private FrameworkWiring wiring() {
        return context.getBundle(0).adapt(FrameworkWiring.class);
    }

    /** Refreshes {@code bundle} and what is wired to it, and waits for the framework to finish. */
    private void refresh(Bundle bundle) throws BundleFailure {
        CountDownLatch done = new CountDownLatch(1);
        wiring().refreshBundles(List.of(bundle), event -> done.countDown());
        try {
            if (!done.await(FILE_INSTALL_MILLIS, TimeUnit.MILLISECONDS)) {
                throw new BundleFailure(500, "the framework did not finish refreshing " + bundle.getSymbolicName() + " within 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BundleFailure(503, "interrupted while refreshing " + bundle.getSymbolicName());
        }
    }

    private static boolean await(long millis, BooleanSupplier condition) {
        long deadline = System.nanoTime() + millis * 1_000_000;
        while (true) {
            if (condition.getAsBoolean()) return true;
            if (System.nanoTime() > deadline) return false;
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return condition.getAsBoolean();
            }
        }
    }

    private void forgetStop(String symbolicName) throws BundleFailure {
        try {
            stopped.remove(symbolicName);
        } catch (IOException e) {
            throw new BundleFailure(500, "cannot update " + StoppedBundles.FILE_NAME + ": " + e);
        }
    }

    private void bundleChanged(BundleEvent event) {
        Bundle bundle = event.getBundle();
        switch (event.getType()) {
            case BundleEvent.STARTED -> {
                errors.remove(bundle.getBundleId());
                keepStopped(bundle);
            }
            case BundleEvent.UPDATED -> errors.remove(bundle.getBundleId());
            case BundleEvent.UNINSTALLED -> {
                errors.remove(bundle.getBundleId());
                // Removed while the daemon runs (its file deleted by hand, say): a bundle of that name added later starts.
                if (bySymbolicName(String.valueOf(bundle.getSymbolicName())) == null) {
                    try {
                        stopped.remove(bundle.getSymbolicName());
                    } catch (IOException e) {
                        LOG.warn("Cannot update {}: {}", StoppedBundles.FILE_NAME, e.toString());
                    }
                }
            }
            default -> {
                // nothing kept
            }
        }
    }

    /** Stops {@code bundle} again when an administrator had stopped it (FileInstall starts its folder at boot). */
    private void keepStopped(Bundle bundle) {
        if (!stopped.contains(bundle.getSymbolicName()) || descriptions.partOfRuntime(bundle)) return;
        if (bundle.getState() != Bundle.ACTIVE && bundle.getState() != Bundle.STARTING) return;
        restopper.execute(() -> {
            try {
                if (!stopped.contains(bundle.getSymbolicName())) return;
                bundle.stop();
                LOG.info("Bundle {} stopped again: it was stopped with 'gluster-eventsapi bundle stop' "
                        + "('gluster-eventsapi bundle start {}' starts it)", bundle.getSymbolicName(), bundle.getSymbolicName());
            } catch (BundleException | IllegalStateException e) {
                LOG.warn("Cannot keep bundle {} stopped: {}", bundle.getSymbolicName(), e.getMessage());
            }
        });
    }

    private void frameworkEvent(FrameworkEvent event) {
        if (event.getType() != FrameworkEvent.ERROR || event.getBundle() == null || event.getBundle().getBundleId() == 0) return;
        Throwable error = event.getThrowable();
        errors.put(event.getBundle().getBundleId(), error == null ? "error (see the daemon log)" : String.valueOf(error.getMessage()));
    }
}
