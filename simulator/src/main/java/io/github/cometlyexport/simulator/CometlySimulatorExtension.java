package io.github.cometlyexport.simulator;

import java.util.Objects;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A JUnit 5 extension that runs a fresh {@link CometlySimulator} around each test method:
 *
 * <pre>{@code
 * @RegisterExtension
 * final CometlySimulatorExtension cometly = CometlySimulatorExtension.withConfig(SimulatorConfig.defaults());
 *
 * @Test
 * void exports(CometlySimulator sim) { ... sim.baseUrl() ... sim.journal() ... }
 * }</pre>
 *
 * Test methods may declare a {@link CometlySimulator} parameter, or call {@link #simulator()}.
 */
public final class CometlySimulatorExtension implements BeforeEachCallback, AfterEachCallback, ParameterResolver {
    private final SimulatorConfig config;
    private CometlySimulator simulator;

    private CometlySimulatorExtension(SimulatorConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    /**
     * @param config how each test's simulator behaves
     * @return the extension
     */
    public static CometlySimulatorExtension withConfig(SimulatorConfig config) {
        return new CometlySimulatorExtension(config);
    }

    /** @return an extension with {@link SimulatorConfig#defaults()} */
    public static CometlySimulatorExtension withDefaults() {
        return new CometlySimulatorExtension(SimulatorConfig.defaults());
    }

    /**
     * @return the running simulator of the current test
     * @throws IllegalStateException outside a test method
     */
    public CometlySimulator simulator() {
        if (simulator == null) {
            throw new IllegalStateException("the simulator runs only during a test method");
        }
        return simulator;
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        simulator = CometlySimulator.start(config);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (simulator != null) {
            simulator.close();
            simulator = null;
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == CometlySimulator.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return simulator();
    }
}
