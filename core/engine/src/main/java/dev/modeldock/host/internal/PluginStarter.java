package dev.modeldock.host.internal;

import dev.modeldock.host.PluginInfo;
import dev.modeldock.host.PluginInfo.State;
import dev.modeldock.host.PluginRefusedException;
import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.pf4j.PluginState;
import org.pf4j.PluginWrapper;

/**
 * Loads and starts one plugin in a pf4j manager and makes each of its extensions once, each step in
 * a try: a plugin whose class will not load, whose constructor throws, that provides no extension,
 * or that names an extension as a running plugin already does, ends FAILED with one line saying so,
 * and is unloaded again. Making every extension here, at load, is what keeps a throwing constructor
 * from surfacing later: pf4j's {@code getExtensions} would throw it at every caller.
 */
final class PluginStarter {
    private final HostPluginManager manager;

    PluginStarter(HostPluginManager manager) {
        this.manager = manager;
    }

    /** {@code candidate} started beside {@code running}, or FAILED with the reason. */
    StartedPlugin start(Candidate candidate, List<StartedPlugin> running) {
        String id = candidate.id();
        boolean loaded = false;
        try {
            PluginFolder.requireExtensionIndex(candidate.root(), id);
            manager.loadPlugin(candidate.root());
            loaded = true;
            PluginState state = manager.startPlugin(id);
            if (state != PluginState.STARTED) {
                PluginWrapper wrapper = manager.getPlugin(id);
                Throwable why = wrapper == null ? null : wrapper.getFailedException();
                throw new PluginRefusedException("plugin '" + id + "' did not start (" + state
                        + (why == null ? "" : ": " + describe(why)) + "); report it to the plugin's provider");
            }
            PluginInfo info = candidate.info(State.STARTED, null);
            Map<ExtensionKind<?>, List<Object>> extensions = instantiate(id, info.label());
            Map<String, List<String>> names = names(extensions);
            if (names.isEmpty()) {
                throw new PluginRefusedException("plugin '" + id + "' loads but provides no extension (no "
                        + "Tokenizer, PostProcessor or ExportTarget in its extension index); check its @Extension"
                        + " classes, or remove " + candidate.source());
            }
            refuseClashes(id, names, running);
            return new StartedPlugin(candidate, new PluginInfo(info.id(), info.version(), info.provider(),
                    info.requires(), info.description(), info.source(), State.STARTED, null, names,
                    info.builtIn()), extensions);
        } catch (PluginRefusedException e) {
            return failed(candidate, loaded, e.getMessage());
        } catch (Exception | LinkageError e) {
            return failed(candidate, loaded, "plugin '" + id + "' cannot be loaded (" + describe(e) + "); install"
                    + " a release built for this ModelDock, or remove " + candidate.source());
        }
    }

    /** Stops and unloads a plugin this starter's manager holds (pf4j closes its class loader). */
    void unload(StartedPlugin plugin) {
        if (manager.getPlugin(plugin.info().id()) != null) {
            manager.stopPlugin(plugin.info().id());
            manager.unloadPlugin(plugin.info().id());
        }
    }

    private StartedPlugin failed(Candidate candidate, boolean loaded, String reason) {
        if (loaded) {
            try {
                manager.stopPlugin(candidate.id());
                manager.unloadPlugin(candidate.id());
            } catch (RuntimeException | LinkageError ignored) {
                // Its reason is the failure to report; what is left is unreachable and collected.
            }
        }
        return StartedPlugin.notStarted(candidate, candidate.info(State.FAILED, reason));
    }

    private Map<ExtensionKind<?>, List<Object>> instantiate(String id, String label) {
        Map<ExtensionKind<?>, List<Object>> all = new LinkedHashMap<>();
        for (ExtensionKind<?> kind : ExtensionKind.ALL) {
            List<Object> made = new ArrayList<>();
            for (Class<?> type : manager.getExtensionClasses(kind.type(), id)) {
                made.add(make(kind, type, id, label));
            }
            if (!made.isEmpty()) {
                all.put(kind, List.copyOf(made));
            }
        }
        return all;
    }

    private static <T> Object make(ExtensionKind<T> kind, Class<?> type, String id, String label) {
        String doing = "the constructor of " + kind.label() + " class " + type.getName();
        try {
            T extension = kind.type().cast(type.getDeclaredConstructor().newInstance());
            doing = kind.label() + " class " + type.getName() + ".name()";
            String name = kind.name().apply(extension);
            if (name == null || name.isBlank()) {
                throw new PluginRefusedException("plugin '" + id + "' has a " + kind.label() + " (" + type.getName()
                        + ") without a name; name() must return one");
            }
            return GuardedExtension.wrap(kind.type(), extension, label, name);
        } catch (InvocationTargetException e) {
            throw new PluginRefusedException("plugin '" + id + "': " + doing + " threw " + describe(e.getCause())
                    + "; report it to the plugin's provider, or remove the plugin");
        } catch (ReflectiveOperationException e) {
            throw new PluginRefusedException("plugin '" + id + "': " + kind.label() + " class " + type.getName()
                    + " cannot be made (" + describe(e) + "); an extension needs a public no-argument constructor");
        } catch (RuntimeException | LinkageError e) {
            if (e instanceof PluginRefusedException refused) {
                throw refused;
            }
            throw new PluginRefusedException("plugin '" + id + "': " + doing + " threw " + describe(e)
                    + "; report it to the plugin's provider, or remove the plugin");
        }
    }

    private static Map<String, List<String>> names(Map<ExtensionKind<?>, List<Object>> extensions) {
        Map<String, List<String>> names = new TreeMap<>();
        extensions.forEach((kind, made) -> names.put(kind.label(), made.stream().map(kind::nameOf).sorted()
                .toList()));
        return names;
    }

    /** Two extensions of one kind with one name would make a lookup by name pick one silently. */
    private static void refuseClashes(String id, Map<String, List<String>> names, List<StartedPlugin> running) {
        for (Map.Entry<String, List<String>> kind : names.entrySet()) {
            List<String> own = kind.getValue();
            for (int i = 1; i < own.size(); i++) {
                if (own.get(i).equals(own.get(i - 1))) {
                    throw new PluginRefusedException("plugin '" + id + "' provides more than one " + kind.getKey()
                            + " named '" + own.get(i) + "'; names must be unique within a kind");
                }
            }
            for (StartedPlugin other : running) {
                for (String name : own) {
                    if (other.info().extensions().getOrDefault(kind.getKey(), List.of()).contains(name)) {
                        throw new PluginRefusedException("plugin '" + id + "' provides the " + kind.getKey() + " '"
                                + name + "', which plugin '" + other.info().id() + "' provides already; names must"
                                + " be unique within a kind: disable or remove one of them, or rename the extension");
                    }
                }
            }
        }
    }

    private static String describe(Throwable e) {
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }
}
