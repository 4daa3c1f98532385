package org.pinnerformer.api;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import org.pinnerformer.spi.Backend;
import org.pinnerformer.spi.BackendOptions;
import org.pinnerformer.spi.BackendProvider;
import org.pinnerformer.spi.Capability;
import org.pinnerformer.spi.Probe;

/**
 * Finds backends through {@link ServiceLoader} and chooses one.
 *
 * <p>Providers are kept in a deterministic order: by name. {@link #select(Capability...)} returns the
 * provider named by the {@value ConfigKeys#BACKEND} system property when it is set, otherwise the first
 * provider in that order that has every required capability and whose {@link BackendProvider#probe()}
 * succeeds. One provider that cannot be instantiated never stops discovery: it is remembered and named in
 * the error when no provider fits. Every error lists every provider found and why each is unusable.
 */
public final class Backends {
    private final List<BackendProvider> providers;
    private final List<String> brokenProviders;

    private Backends(List<BackendProvider> providers, List<String> brokenProviders) {
        List<BackendProvider> sorted = new ArrayList<>(providers);
        sorted.sort(Comparator.comparing(BackendProvider::name));
        this.providers = List.copyOf(sorted);
        this.brokenProviders = List.copyOf(brokenProviders);
    }

    /** The providers registered with {@link ServiceLoader} on the module path and the class path. */
    public static Backends discover() {
        List<String> broken = new ArrayList<>();
        List<BackendProvider> found = Services.load(BackendProvider.class, broken);
        return new Backends(found, broken);
    }

    /** An explicit set of providers (for tests and for applications that wire providers by hand). */
    public static Backends of(List<? extends BackendProvider> providers) {
        Objects.requireNonNull(providers, "providers");
        return new Backends(List.copyOf(providers), List.of());
    }

    /** Every provider found, ordered by name. */
    public List<BackendProvider> providers() {
        return providers;
    }

    /** The provider of that name, or empty. */
    public Optional<BackendProvider> find(String name) {
        Objects.requireNonNull(name, "name");
        return providers.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    /**
     * Chooses a provider with every required capability: the one named by {@value ConfigKeys#BACKEND}
     * when that property is set, else the first usable one by name.
     *
     * @throws BackendException listing every provider found and why each is unusable, when none fits
     */
    public BackendProvider select(Capability... required) {
        String forced = System.getProperty(ConfigKeys.BACKEND);
        if (forced != null && !forced.isBlank()) {
            return select(forced.trim(), required);
        }
        Set<Capability> need = capabilities(required);
        for (BackendProvider p : providers) {
            if (p.capabilities().containsAll(need) && p.probe().usable()) {
                return p;
            }
        }
        throw new BackendException("no usable PinnerFormer backend with " + need + " was found. " + report(need));
    }

    /**
     * Chooses the provider of that name, which must have every required capability and a successful probe.
     *
     * @throws BackendException saying what is wrong and listing every provider found
     */
    public BackendProvider select(String name, Capability... required) {
        Objects.requireNonNull(name, "name");
        Set<Capability> need = capabilities(required);
        List<BackendProvider> named = providers.stream().filter(p -> p.name().equals(name)).toList();
        if (named.isEmpty()) {
            throw new BackendException("no PinnerFormer backend named '" + name + "' was found. " + report(need));
        }
        if (named.size() > 1) {
            throw new BackendException("several PinnerFormer backends are named '" + name + "': "
                    + named.stream().map(p -> p.getClass().getName()).toList()
                    + "; remove all but one from the module path or class path.");
        }
        BackendProvider p = named.get(0);
        if (!p.capabilities().containsAll(need)) {
            throw new BackendException("backend '" + name + "' cannot do " + missing(p, need) + " (it can do "
                    + p.capabilities() + "). " + report(need));
        }
        Probe probe = p.probe();
        if (!probe.usable()) {
            throw new BackendException("backend '" + name + "' is not usable here: " + probe.message(),
                    probe.failure().orElse(null));
        }
        return p;
    }

    /** Selects a provider as {@link #select(Capability...)} does and creates a backend from it. */
    public Backend create(BackendOptions options, Capability... required) {
        return select(required).create(options);
    }

    /** Selects the named provider as {@link #select(String, Capability...)} does and creates a backend. */
    public Backend create(String name, BackendOptions options, Capability... required) {
        return select(name, required).create(options);
    }

    private String report(Set<Capability> need) {
        if (providers.isEmpty() && brokenProviders.isEmpty()) {
            return "No provider is registered: add a backend module (pinnerformer-backend-djl, -onnx, -tf) "
                    + "or pinnerformer-core (the pure-Java 'java' backend) to the module path or class path.";
        }
        StringBuilder sb = new StringBuilder("Providers found:");
        for (BackendProvider p : providers) {
            sb.append("\n  - ").append(p.name()).append(" (").append(p.getClass().getName()).append("): ");
            if (!p.capabilities().containsAll(need)) {
                sb.append("lacks ").append(missing(p, need));
            } else {
                Probe probe = p.probe();
                sb.append(probe.usable() ? "usable, " : "unusable, ").append(probe.message());
            }
        }
        for (String b : brokenProviders) {
            sb.append("\n  - a provider that could not be instantiated: ").append(b);
        }
        return sb.toString();
    }

    private static Set<Capability> missing(BackendProvider p, Set<Capability> need) {
        Set<Capability> m = need.isEmpty() ? EnumSet.noneOf(Capability.class) : EnumSet.copyOf(need);
        m.removeAll(p.capabilities());
        return m;
    }

    private static Set<Capability> capabilities(Capability... required) {
        Objects.requireNonNull(required, "required");
        Set<Capability> s = EnumSet.noneOf(Capability.class);
        s.addAll(Arrays.asList(required));
        return s;
    }
}
