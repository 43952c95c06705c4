package dev.modeldock.host.internal;

import dev.modeldock.host.PluginInfo;
import dev.modeldock.host.PluginInfo.State;
import dev.modeldock.host.PluginRefusedException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The plugins of one host, each STARTED, FAILED or DISABLED, and the extensions of the started ones
 * (a snapshot readers take without locking, replaced whole on every change). Changes are
 * serialized; a plugin starts through {@link PluginStarter}, and one that fails is unloaded again,
 * leaving the others as they were.
 */
public final class PluginSet implements AutoCloseable {
    private final HostPluginManager manager;
    private final PluginStarter starter;
    /** By id, in the order found; a plugin whose id another one already has is listed apart. */
    private final Map<String, StartedPlugin> plugins = new LinkedHashMap<>();
    private final List<PluginInfo> shadowed = new ArrayList<>();
    private final Set<String> disabled = new TreeSet<>();
    private volatile List<StartedPlugin> started = List.of();

    public PluginSet(Path root, Collection<String> disabled) {
        this.manager = new HostPluginManager(root);
        this.starter = new PluginStarter(manager);
        this.disabled.addAll(disabled);
    }

    /**
     * Starts the candidates in id order (so that of two plugins naming an extension alike, the later
     * by id fails), those disabled listed as such.
     */
    public synchronized void load(List<Candidate> candidates) {
        List<Candidate> ordered = candidates.stream().sorted(Comparator.comparing(Candidate::id)).toList();
        for (Candidate candidate : ordered) {
            StartedPlugin first = plugins.get(candidate.id());
            if (first != null) {
                shadowed.add(candidate.info(State.FAILED, "plugin '" + candidate.id() + "' in " + candidate.source()
                        + " has the id of the plugin in " + first.info().source() + ", which is loaded; remove one"));
            } else {
                plugins.put(candidate.id(), start(candidate));
                publish(); // the next one is checked against this one's extension names
            }
        }
    }

    /**
     * Starts {@code candidate}, a plugin not known yet, or refuses it with the reason; a refused one
     * leaves nothing behind.
     */
    public synchronized PluginInfo add(Candidate candidate) {
        if (plugins.containsKey(candidate.id())) {
            throw new IllegalStateException("plugin '" + candidate.id() + "' is already known");
        }
        StartedPlugin plugin = candidate.refusal() != null
                ? StartedPlugin.notStarted(candidate, candidate.info(State.FAILED, candidate.refusal()))
                : starter.start(candidate, started); // an added plugin starts, even if its id was disabled
        if (plugin.info().state() != State.STARTED) {
            throw new PluginRefusedException(plugin.info().reason());
        }
        disabled.remove(candidate.id());
        plugins.put(candidate.id(), plugin);
        publish();
        return plugin.info();
    }

    /** Stops {@code id} and lists it as disabled; it stays so until {@link #enable}. */
    public synchronized PluginInfo disable(String id) {
        StartedPlugin plugin = known(id);
        disabled.add(id);
        starter.unload(plugin);
        StartedPlugin stopped = plugin.stopped(State.DISABLED, null);
        plugins.put(id, stopped);
        publish();
        return stopped.info();
    }

    /**
     * Starts {@code id} again (a disabled or failed plugin); when it fails it is refused, and a
     * disabled one stays disabled.
     */
    public synchronized PluginInfo enable(String id) {
        StartedPlugin plugin = known(id);
        if (plugin.info().state() == State.STARTED) {
            return plugin.info();
        }
        Candidate candidate = plugin.candidate();
        if (candidate.refusal() != null) {
            throw new PluginRefusedException(candidate.refusal());
        }
        StartedPlugin restarted = starter.start(candidate, started);
        if (restarted.info().state() != State.STARTED) {
            throw new PluginRefusedException(restarted.info().reason());
        }
        disabled.remove(id);
        plugins.put(id, restarted);
        publish();
        return restarted.info();
    }

    /** Stops and forgets {@code id}; its files are the caller's. */
    public synchronized void remove(String id) {
        starter.unload(known(id));
        plugins.remove(id);
        publish();
    }

    /**
     * Whether {@code candidate} would start beside the plugins running now (its extension names
     * clashing with none but those of {@code replacing}), tried in a manager of its own.
     *
     * @throws PluginRefusedException with the reason it would not
     */
    public PluginInfo tryOut(Candidate candidate, String replacing) {
        List<StartedPlugin> others = started.stream().filter(p -> !p.info().id().equals(replacing)).toList();
        if (candidate.refusal() != null) {
            throw new PluginRefusedException(candidate.refusal());
        }
        HostPluginManager trial = new HostPluginManager(candidate.root());
        try {
            StartedPlugin plugin = new PluginStarter(trial).start(candidate, others);
            if (plugin.info().state() != State.STARTED) {
                throw new PluginRefusedException(plugin.info().reason());
            }
            return plugin.info();
        } finally {
            trial.stopPlugins();
            trial.unloadPlugins();
        }
    }

    public synchronized Optional<PluginInfo> plugin(String id) {
        return Optional.ofNullable(plugins.get(id)).map(StartedPlugin::info);
    }

    /** The started plugins, in id order. */
    public List<StartedPlugin> started() {
        return started;
    }

    /** Every plugin, by id. */
    public synchronized List<PluginInfo> describe() {
        List<PluginInfo> all = new ArrayList<>(plugins.values().stream().map(StartedPlugin::info).toList());
        all.addAll(shadowed);
        all.sort(Comparator.comparing(PluginInfo::id).thenComparing(PluginInfo::source));
        return all;
    }

    /** The ids disabled now. */
    public synchronized Set<String> disabled() {
        return Set.copyOf(disabled);
    }

    @Override
    public synchronized void close() {
        manager.stopPlugins();
        manager.unloadPlugins();
    }

    private StartedPlugin start(Candidate candidate) {
        if (candidate.refusal() != null) {
            return StartedPlugin.notStarted(candidate, candidate.info(State.FAILED, candidate.refusal()));
        }
        if (disabled.contains(candidate.id())) {
            return StartedPlugin.notStarted(candidate, candidate.info(State.DISABLED, null));
        }
        return starter.start(candidate, started);
    }

    private StartedPlugin known(String id) {
        StartedPlugin plugin = plugins.get(id);
        if (plugin == null) {
            throw new IllegalArgumentException("no plugin '" + id + "'");
        }
        return plugin;
    }

    private void publish() {
        started = plugins.values().stream().filter(p -> p.info().state() == State.STARTED)
                .sorted(Comparator.comparing(p -> p.info().id())).toList();
    }
}
