package org.pinnerformer.api;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * Loads every provider of a service this module {@code uses}, as SLF4J does: one provider that cannot be instantiated
 * never stops discovery; it is remembered, for the error that names what was found.
 */
final class Services {
    private static final System.Logger LOG = System.getLogger(Services.class.getName());

    private Services() {
    }

    /**
     * The providers of {@code service} on the module path and the class path, in discovery order.
     *
     * @param broken receives one description per provider that could not be instantiated
     */
    static <T> List<T> load(Class<T> service, List<String> broken) {
        List<T> found = new ArrayList<>();
        Iterator<T> it = ServiceLoader.load(service).iterator();
        while (true) {
            try {
                if (!it.hasNext()) {
                    break;
                }
                found.add(it.next());
            } catch (ServiceConfigurationError | LinkageError e) {
                broken.add(e.toString());
                LOG.log(System.Logger.Level.DEBUG, "a provider of " + service.getName()
                        + " could not be instantiated", e);
            }
        }
        return found;
    }
}
