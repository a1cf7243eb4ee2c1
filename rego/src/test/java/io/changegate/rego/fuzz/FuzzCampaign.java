package io.changegate.rego.fuzz;

import net.jqwik.api.lifecycle.AroundPropertyHook;
import net.jqwik.api.lifecycle.PropagationMode;
import net.jqwik.api.lifecycle.PropertyExecutionResult;
import net.jqwik.api.lifecycle.PropertyExecutor;
import net.jqwik.api.lifecycle.PropertyLifecycleContext;

/**
 * Raises the tries of every fuzz property when the system property {@value #TRIES} is set, so a
 * long campaign runs the same properties as the quick default run:
 * {@code ./mvnw -pl rego test -Dtest='*FuzzTest' -Dchangegate.fuzz.tries=200000}. Examples (one
 * try) stay single.
 */
public final class FuzzCampaign implements AroundPropertyHook {
    /** The system property naming the tries per property. */
    public static final String TRIES = "changegate.fuzz.tries";

    /** Registered on a test class, the hook serves every property in it. */
    @Override
    public PropagationMode propagateTo() {
        return PropagationMode.ALL_DESCENDANTS;
    }

    @Override
    public PropertyExecutionResult aroundProperty(PropertyLifecycleContext context, PropertyExecutor property) {
        String tries = System.getProperty(TRIES);
        boolean isExample = context.attributes().tries().map(t -> t <= 1).orElse(false);
        if (tries != null && !tries.isBlank() && !isExample) {
            context.attributes().setTries(Integer.parseInt(tries.strip()));
        }
        return property.execute();
    }
}
