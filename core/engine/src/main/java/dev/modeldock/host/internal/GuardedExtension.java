package dev.modeldock.host.internal;

import dev.modeldock.plugin.ModelDockException;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Arrays;

/**
 * An extension as the host hands it out: every call goes to the plugin's own object, and anything
 * unexpected it throws (a RuntimeException, a LinkageError from a missing class, an
 * AbstractMethodError from a plugin built for another API, a StackOverflowError) becomes one
 * {@link ModelDockException} naming the plugin, the extension and the method, so that it fails the
 * conversion or export at hand, with a message a user can act on, and never the caller's thread.
 * A ModelDockException is the plugin's own message to the user and passes unchanged, as do the
 * checked exceptions a method declares (an export target's IOException).
 */
public final class GuardedExtension implements InvocationHandler {
    private final Object target;
    private final String plugin;
    private final String description;

    private GuardedExtension(Object target, String plugin, String description) {
        this.target = target;
        this.plugin = plugin;
        this.description = description;
    }

    /**
     * {@code target} behind the interface {@code kind}.
     *
     * @param plugin "plugin-id@version"
     * @param name   the extension's name, e.g. "AcmePool"
     */
    public static <T> T wrap(Class<T> kind, T target, String plugin, String name) {
        return kind.cast(Proxy.newProxyInstance(kind.getClassLoader(), new Class<?>[] {kind},
                new GuardedExtension(target, plugin, kind.getSimpleName() + " '" + name + "'")));
    }

    /** "plugin-id@version" of a guarded extension; null for any other object. */
    public static String pluginOf(Object extension) {
        if (Proxy.isProxyClass(extension.getClass())
                && Proxy.getInvocationHandler(extension) instanceof GuardedExtension guard) {
            return guard.plugin;
        }
        return null;
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        // The proxy is the extension as the host knows it: equal to itself only, as the object it stands for is.
        if (method.getName().equals("equals") && method.getParameterCount() == 1
                && method.getParameterTypes()[0] == Object.class) {
            return proxy == args[0];
        }
        if (method.getName().equals("hashCode") && method.getParameterCount() == 0) {
            return System.identityHashCode(proxy);
        }
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            Throwable thrown = e.getCause();
            if (thrown instanceof ModelDockException || declares(method, thrown)
                    || (thrown instanceof VirtualMachineError && !(thrown instanceof StackOverflowError))) {
                throw thrown; // the user's message, a declared failure, or the JVM itself in trouble
            }
            throw new ModelDockException("plugin '" + plugin + "' failed in " + description + "." + method.getName()
                    + ": " + thrown.getClass().getSimpleName() + (thrown.getMessage() == null ? ""
                    : ": " + thrown.getMessage()) + "; report it to the plugin's provider, or disable the plugin",
                    thrown);
        }
    }

    private static boolean declares(Method method, Throwable thrown) {
        return !(thrown instanceof RuntimeException) && !(thrown instanceof Error)
                && Arrays.stream(method.getExceptionTypes()).anyMatch(type -> type.isInstance(thrown));
    }
}
